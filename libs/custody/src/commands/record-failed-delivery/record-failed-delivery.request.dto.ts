import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { CommandRequestDto, ConditionDto, GeoPointDto, IsCalendarDay, IsEvidenceHashes, IsId, IsUtcInstant, Nested, PersonDto } from '../shared/request.dto';

/** The three-option card; the fields of the chosen option are required (checked by the handler). */
export class DeliveryCardDto {
  @IsIn(['i-accept', 'leave-with-neighbour', 'return-to-depot']) option!: 'i-accept' | 'leave-with-neighbour' | 'return-to-depot';
  /** leave-with-neighbour: who took it (sealed), in what condition, with what proof. */
  @IsOptional() @Nested(() => PersonDto) neighbour?: PersonDto;
  @IsOptional() @Nested(() => ConditionDto) condition?: ConditionDto;
  @IsOptional() @IsEvidenceHashes() evidence?: string[];
  @IsOptional() @IsUtcInstant() deviceTime?: string;
  /** return-to-depot: the day (YYYY-MM-DD). */
  @IsOptional() @IsCalendarDay() returnOn?: string;
}

export class RecordFailedDeliveryRequestDto extends CommandRequestDto {
  @IsOptional() @IsId() attemptId?: string;
  @IsString() @Length(1, 500) reason!: string;
  @Nested(() => DeliveryCardDto) card!: DeliveryCardDto;
  @Nested(() => GeoPointDto) geo!: GeoPointDto;
}
