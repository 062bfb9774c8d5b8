import { Injectable, PipeTransform } from '@nestjs/common';
import { RequestValidationError } from './request-validation';

/** Ids in paths and bodies: what a stream name can carry, and what a person can read back. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;
export const ID_RULE = 'must be 1-100 letters, digits, ".", "_", ":" or "-", starting with a letter or digit';

/** `@Param('parcelId', IdParam) parcelId: string`: a malformed id is a 400 naming the parameter. */
@Injectable()
export class IdParam implements PipeTransform<unknown, string> {
  transform(value: unknown, metadata: { data?: string }): string {
    if (typeof value !== 'string' || !ID_PATTERN.test(value)) throw new RequestValidationError([{ field: metadata.data ?? 'id', message: ID_RULE }]);
    return value;
  }
}
