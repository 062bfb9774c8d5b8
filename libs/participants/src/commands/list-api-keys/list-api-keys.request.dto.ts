import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { API_KEY_STATUSES, type ApiKeyStatus } from '@handoff/shared/auth';
import { ID_PATTERN, ID_RULE } from '@handoff/shared/http';

export const MAX_KEYS_PAGE = 200;

export class ListApiKeysQueryDto {
  @IsOptional() @Matches(ID_PATTERN, { message: `participantId ${ID_RULE}` }) participantId?: string;
  @IsOptional() @IsIn(API_KEY_STATUSES) status?: ApiKeyStatus;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_KEYS_PAGE) limit?: number;
  /** The `next` of the previous page (a key id). */
  @IsOptional() @Matches(ID_PATTERN, { message: `after ${ID_RULE}` }) after?: string;
}
