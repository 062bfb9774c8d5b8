import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { findIllFormedStrings, RequestValidationError } from './request-validation';

/** Runs before the validation pipe: refuses text that is not valid Unicode in bodies, params and queries. */
@Injectable()
export class WellFormedTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const problems = findIllFormedStrings(value, metadata.type === 'body' ? '' : (metadata.data ?? metadata.type));
    if (problems.length > 0) throw new RequestValidationError(problems);
    return value;
  }
}
