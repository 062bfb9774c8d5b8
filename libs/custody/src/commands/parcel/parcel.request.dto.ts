import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { CommandRequestDto, ConditionDto, GeoPointDto, IsCalendarDay, IsEvidenceHashes, IsId, IsUtcInstant, MoneyDto, Nested, PersonDto } from '../shared/request.dto';

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

export class SortParcelRequestDto extends CommandRequestDto {
  @IsId() toteId!: string;
  @IsId() routeId!: string;
}

/** The three-option card; the fields of the chosen option are required (checked when the command is built). */
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

export class DeliveryReceiverDto {
  @IsIn(['recipient', 'neighbour']) kind!: 'recipient' | 'neighbour';
  /** Required for a neighbour: sealed under a new data subject. */
  @IsOptional() @Nested(() => PersonDto) neighbour?: PersonDto;
}

export class DeliverParcelRequestDto extends CommandRequestDto {
  @Nested(() => DeliveryReceiverDto) receivedBy!: DeliveryReceiverDto;
  @IsEvidenceHashes() evidence!: string[];
  @Nested(() => GeoPointDto) geo!: GeoPointDto;
}

export class ReturnParcelToDepotRequestDto extends CommandRequestDto {
  @Nested(() => ConditionDto) condition!: ConditionDto;
}

export class ReturnParcelToSenderRequestDto extends CommandRequestDto {
  @Nested(() => ConditionDto) condition!: ConditionDto;
}

export class ReportParcelIncidentRequestDto extends CommandRequestDto {
  @IsOptional() @IsId() reportId?: string;
  @IsIn(['damaged', 'lost', 'stolen']) incident!: 'damaged' | 'lost' | 'stolen';
  @IsUtcInstant() discoveredAt!: string;
  @IsString() @Length(1, 2000) description!: string;
  @IsEvidenceHashes() evidence!: string[];
}
