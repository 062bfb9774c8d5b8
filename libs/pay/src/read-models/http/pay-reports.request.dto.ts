import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { MAX_STATEMENT_PAGE } from '../pay-report-queries';

/** Every query accepts the `$all` position a command answered with (read-your-writes). */
class ReadYourWritesQueryDto {
  /** Wait until the read models have passed this position (from a command's `x-handoff-position`). */
  @IsOptional()
  @IsString()
  position?: string;
}

export class PayPeriodQueryDto extends ReadYourWritesQueryDto {
  /** A pay period: a UTC calendar month, e.g. `2026-03`. */
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'period must be a UTC month, YYYY-MM (e.g. 2026-03)' })
  period!: string;
}

export class StatementQueryDto extends PayPeriodQueryDto {
  /** Lines per page (default 500). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_STATEMENT_PAGE)
  limit?: number;

  /** The `next` of the previous page: lines after this ledger revision. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  after?: number;
}

export class AnnualTotalsQueryDto extends ReadYourWritesQueryDto {
  /** A calendar year, e.g. `2026`. */
  @Matches(/^\d{4}$/, { message: 'year must be four digits (e.g. 2026)' })
  year!: string;

  /** Whose reporting threshold to judge by (PAY_REPORTING_THRESHOLDS); default `US`. */
  @IsOptional()
  @Matches(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, { message: 'jurisdiction must be a country code, optionally with a region (US, US-CA)' })
  jurisdiction?: string;
}
