import { CommandRequestDto, ConditionDto, Nested } from '../shared/request.dto';

export class ReturnParcelToSenderRequestDto extends CommandRequestDto {
  @Nested(() => ConditionDto) condition!: ConditionDto;
}
