import { CommandRequestDto, ConditionDto, Nested } from '../shared/request.dto';

export class ReturnParcelToDepotRequestDto extends CommandRequestDto {
  @Nested(() => ConditionDto) condition!: ConditionDto;
}
