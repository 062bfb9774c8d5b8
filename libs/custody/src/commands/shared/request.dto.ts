import { applyDecorators } from '@nestjs/common';
import { ArrayMaxSize, IsArray, IsIn, IsNumber, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { Nested, PostalAddressDto } from '@handoff/shared/http';

/** Request pieces of custody's commands; the ones every context shares (ids, money, addresses, occurredAt) are @handoff/shared/http's. */
export { CommandRequestDto, IsId, MoneyDto, Nested, PostalAddressDto } from '@handoff/shared/http';
// Every instant and day a client states goes through the one strict parser (no 30 February).
export { IsCalendarDay, IsUtcInstant } from '@handoff/shared/http';
export const EVIDENCE_HASH = /^sha256:[0-9a-f]{64}$/;

export class ConditionDto {
  @IsIn(['intact', 'damaged']) condition!: 'intact' | 'damaged';
  @IsOptional() @IsString() @MaxLength(2000) notes?: string;
}

export class GeoPointDto {
  @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(-90) @Max(90) latitude!: number;
  @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(-180) @Max(180) longitude!: number;
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(100_000) accuracyMeters?: number;
}

/** A recipient's or neighbour's details: sealed by the vault before anything is recorded. */
export class PersonDto {
  @IsString() @Length(1, 200) name!: string;
  @Nested(() => PostalAddressDto) address!: PostalAddressDto;
  @IsString() @Matches(/^\+?[0-9 ()-]{3,30}$/, { message: '$property must be a phone number' }) phone!: string;
}

export const IsEvidenceHashes = () =>
  applyDecorators(IsArray(), ArrayMaxSize(20), Matches(EVIDENCE_HASH, { each: true, message: '$property must hold sha256:<64 hex digits> hashes of photos or signatures, never images' }));
