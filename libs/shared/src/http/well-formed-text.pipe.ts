import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { findIllFormedStrings, RequestValidationError } from './request-validation';

/**
 * Runs before the validation pipe: a body meant for a DTO must be a JSON object (`null`, `[]` or
 * `12` are valid JSON that class-validator lets through), and text in bodies, params and queries
 * must be valid Unicode without control, bidirectional-override or BOM characters
 * (request-validation.ts says which and why).
 */
@Injectable()
export class WellFormedTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const expectsObject = metadata.type === 'body' && typeof metadata.metatype === 'function' && metadata.metatype !== Object;
    if (expectsObject && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      throw new RequestValidationError([{ field: '(body)', message: 'must be a JSON object' }]);
    }
    const problems = findIllFormedStrings(value, metadata.type === 'body' ? '' : (metadata.data ?? metadata.type));
    if (problems.length > 0) throw new RequestValidationError(problems);
    return value;
  }
}
