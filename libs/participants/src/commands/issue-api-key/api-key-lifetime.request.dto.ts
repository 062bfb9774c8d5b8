import { IsInt, IsISO8601, IsOptional, Max, Min } from 'class-validator';
import type { RequestedLifetime } from '@handoff/shared/auth';
import { IsUtcInstant, RequestValidationError } from '@handoff/shared/http';

const TEN_YEARS_SECONDS = 315_360_000;

/** How long a new key lives: `ttlSeconds` or `expiresAt`, not both; neither means the configured maximum, if any, else until revoked. */
export class ApiKeyLifetimeRequestDto {
  @IsOptional() @IsInt() @Min(1) @Max(TEN_YEARS_SECONDS) ttlSeconds?: number;
  @IsOptional() @IsUtcInstant() @IsISO8601({ strict: true }) expiresAt?: string;
}

export function lifetimeOf(body: ApiKeyLifetimeRequestDto): RequestedLifetime {
  if (body.ttlSeconds !== undefined && body.expiresAt !== undefined) throw new RequestValidationError([{ field: 'expiresAt', message: 'give ttlSeconds or expiresAt, not both' }]);
  return { ...(body.ttlSeconds !== undefined ? { ttlSeconds: body.ttlSeconds } : {}), ...(body.expiresAt !== undefined ? { expiresAt: body.expiresAt } : {}) };
}
