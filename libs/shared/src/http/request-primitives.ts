import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsObject, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { ID_PATTERN, ID_RULE } from './id-param.pipe';
import { IsUtcInstant } from './utc-instant';

/** Request pieces every context's commands share; every string is bounded, every nested object validated. */
export const IsId = (options: { each?: boolean } = {}) => Matches(ID_PATTERN, { ...options, message: `$property ${ID_RULE}` });

/** One nested object (never an array of them, never null): validated field by field. */
export const Nested = (type: () => new () => object) => applyDecorators(IsObject(), ValidateNested(), Type(type));

export class CommandRequestDto {
  /**
   * When it happened, if not now (an offline scan synced later, or a replayed day): the domain time
   * recorded on the command and in the events' metadata. Defaults to the server's clock.
   */
  @IsOptional() @IsUtcInstant() occurredAt?: string;
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
