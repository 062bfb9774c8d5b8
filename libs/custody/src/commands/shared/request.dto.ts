import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsUtcInstant } from '@handoff/shared/http';
import { ID_PATTERN, ID_RULE } from './id-param.pipe';

/** Request pieces shared by custody commands; every string is bounded, every nested object validated. */
export const IsId = (options: { each?: boolean } = {}) => Matches(ID_PATTERN, { ...options, message: `$property ${ID_RULE}` });
// Every instant and day a client states goes through the one strict parser (no 30 February).
export { IsCalendarDay, IsUtcInstant } from '@handoff/shared/http';
export const EVIDENCE_HASH = /^sha256:[0-9a-f]{64}$/;

/** One nested object (never an array of them, never null): validated field by field. */
export const Nested = (type: () => new () => object) => applyDecorators(IsObject(), ValidateNested(), Type(type));

export class CommandRequestDto {
  /**
   * When it happened, if not now (an offline scan synced later, or a replayed day): the domain time
   * recorded on the command and in the events' metadata. Defaults to the server's clock.
   */
  @IsOptional() @IsUtcInstant() occurredAt?: string;
}

export class ConditionDto {
  @IsIn(['intact', 'damaged']) condition!: 'intact' | 'damaged';
  @IsOptional() @IsString() @MaxLength(2000) notes?: string;
}

export class GeoPointDto {
  @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(-90) @Max(90) latitude!: number;
  @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(-180) @Max(180) longitude!: number;
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(100_000) accuracyMeters?: number;
}

export class MoneyDto {
  @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER) amountMinor!: number;
  @Matches(/^[A-Z]{3}$/, { message: '$property must be an ISO 4217 code (EUR, GBP, USD)' }) currency!: string;
}

export class PostalAddressDto {
  @IsArray() @ArrayMaxSize(5) @IsString({ each: true }) @Length(1, 200, { each: true }) lines!: string[];
  @IsString() @Length(1, 100) locality!: string;
  @IsString() @Length(1, 20) postalCode!: string;
  @Matches(/^[A-Z]{2}$/, { message: '$property must be an ISO 3166-1 alpha-2 code' }) countryCode!: string;
}

/** A recipient's or neighbour's details: sealed by the vault before anything is recorded. */
export class PersonDto {
  @IsString() @Length(1, 200) name!: string;
  @Nested(() => PostalAddressDto) address!: PostalAddressDto;
  @IsString() @Matches(/^\+?[0-9 ()-]{3,30}$/, { message: '$property must be a phone number' }) phone!: string;
}

export const IsEvidenceHashes = () =>
  applyDecorators(IsArray(), ArrayMaxSize(20), Matches(EVIDENCE_HASH, { each: true, message: '$property must hold sha256:<64 hex digits> hashes of photos or signatures, never images' }));
