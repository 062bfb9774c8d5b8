import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { CommandRequestDto, IsId, MoneyDto, Nested, PersonDto } from '../shared/request.dto';

export class RegisterParcelRequestDto extends CommandRequestDto {
  /** Optional: the parcel id to use (a retry with the same id is recognised); generated when absent. */
  @IsOptional() @IsId() parcelId?: string;
  @IsString() @Length(1, 200) externalReference!: string;
  @IsId() collectiveId!: string;
  @Nested(() => MoneyDto) declaredValue!: MoneyDto;
  @IsArray() @ArrayMaxSize(4) @IsIn(['pharmaceutical', 'fragile', 'perishable', 'oversized'], { each: true }) categories!: ('pharmaceutical' | 'fragile' | 'perishable' | 'oversized')[];
  @IsId() destinationHubId!: string;
  /** Sealed with a new data subject's key before it is recorded: never stored in clear. */
  @Nested(() => PersonDto) recipient!: PersonDto;
}
