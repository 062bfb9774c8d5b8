import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { IsId, IsUtcInstant } from '@handoff/shared/http';

const block = () => Matches(/^[a-z0-9][a-z0-9-]{0,39}$/, { message: '$property must be a lowercase word (b-north)' });

export class DeclareSurgeWindowRequestDto {
  /** Optional: the window's id (a retry with it is recognised); generated when absent. */
  @IsOptional() @IsId() windowId?: string;
  @IsUtcInstant() from!: string;
  @IsUtcInstant() until!: string;
  /** First-refusal offers per block; the configured default (5) when absent. */
  @IsOptional() @IsInt() @Min(1) @Max(50) offerLimitPerBlock?: number;
  /** Minutes an offer stays open; the configured default (15) when absent. */
  @IsOptional() @IsInt() @Min(1) @Max(1440) offerLapseMinutes?: number;
}

export class OfferSurgeDeliveryRequestDto {
  @IsOptional() @IsId() offerId?: string;
  @block() blockId!: string;
  @IsId() parcelId!: string;
}

export class ReleaseSurgeDeliveryRequestDto {
  @block() blockId!: string;
  @IsId() parcelId!: string;
}

export const DECLARE_SURGE_EXAMPLE: DeclareSurgeWindowRequestDto = { windowId: 'surge-sat', from: '2025-03-15T08:00:00Z', until: '2025-03-15T12:00:00Z', offerLimitPerBlock: 5 };
export const OFFER_SURGE_EXAMPLE: OfferSurgeDeliveryRequestDto = { blockId: 'b-north', parcelId: 'parcel-2291' };
