import { IsString, Length } from 'class-validator';
import { CommandRequestDto } from '../shared/request.dto';

export class WithdrawHandoffRequestDto extends CommandRequestDto {
  @IsString() @Length(1, 500) reason!: string;
}
