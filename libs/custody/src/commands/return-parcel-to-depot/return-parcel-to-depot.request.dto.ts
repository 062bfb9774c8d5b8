import { Type } from 'class-transformer';
import { ValidateNested } from 'class-validator';
import { CommandRequestDto, ConditionDto, Nested } from '../shared/request.dto';

export class ReturnParcelToDepotRequestDto extends CommandRequestDto {
  @Nested(() => ConditionDto) condition!: ConditionDto;
}
