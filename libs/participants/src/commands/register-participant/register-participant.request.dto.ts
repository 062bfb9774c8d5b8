import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsTimeZone, Length, Max, Min, ValidateIf } from 'class-validator';
import { CommandRequestDto, IsId, MoneyDto, Nested, PostalAddressDto } from '@handoff/shared/http';

class RegisterParticipantRequestDto extends CommandRequestDto {
  /** Optional: the participant id to use; generated when absent. */
  @IsOptional() @IsId() participantId?: string;
  @IsString() @Length(1, 200) displayName!: string;
}

export class CollectivePolicyDto {
  /** Parcels declared above this (and every pharmaceutical) need a vetted, non-volunteer courier. */
  @Nested(() => MoneyDto) declaredValueThreshold!: MoneyDto;
  @IsBoolean() waiverRequired!: boolean;
}

export class CourierEngagementDto {
  @IsIn(['paid', 'volunteer', 'gig']) kind!: 'paid' | 'volunteer' | 'gig';
  /** The gig platform's name (gig couriers only). */
  @ValidateIf((engagement: CourierEngagementDto) => engagement.kind === 'gig') @IsString() @Length(1, 100) platform?: string;
}

export class RegisterRetailerRequestDto extends RegisterParticipantRequestDto {}
export class RegisterCoordinatorRequestDto extends RegisterParticipantRequestDto {}

export class RegisterCollectiveRequestDto extends RegisterParticipantRequestDto {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @IsId({ each: true }) memberRetailerIds!: string[];
  @Nested(() => CollectivePolicyDto) policy!: CollectivePolicyDto;
}

export class RegisterHubRequestDto extends RegisterParticipantRequestDto {
  @Nested(() => PostalAddressDto) address!: PostalAddressDto;
  @IsId() operatingCoordinatorId!: string;
  /** Soft cap per cycle; 55 when absent. */
  @IsOptional() @IsInt() @Min(1) @Max(100_000) perCycleCap?: number;
  /** IANA time zone (`America/Chicago`): the hub's local day, for the before-noon bonus. UTC when absent. */
  @IsOptional() @IsTimeZone() timeZone?: string;
}

export class RegisterCourierRequestDto extends RegisterParticipantRequestDto {
  @Nested(() => CourierEngagementDto) engagement!: CourierEngagementDto;
  @IsIn(['unvetted', 'vetted']) vetting!: 'unvetted' | 'vetted';
}
