import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ApiKeyLifetimeRequestDto } from '../issue-api-key/api-key-lifetime.request.dto';

export const DEFAULT_ROTATION_GRACE_SECONDS = 86_400;
const MAX_ROTATION_GRACE_SECONDS = 30 * 86_400;

/** The lifetime fields set the successor's expiry (admins only); without them it keeps the old key's. */
export class RotateApiKeyRequestDto extends ApiKeyLifetimeRequestDto {
  /** How long the old key keeps working beside its successor: default 24 h, 0 for not at all. */
  @IsOptional() @IsInt() @Min(0) @Max(MAX_ROTATION_GRACE_SECONDS) graceSeconds?: number;
}
