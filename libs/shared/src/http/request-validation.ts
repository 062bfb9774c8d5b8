import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { rememberValidationMetadata } from './validation-metadata-cache';

export interface FieldProblem {
  /** Dotted path into the request body (`declaredValue.amountMinor`, `evidence.0`). */
  field: string;
  message: string;
}

/** Invalid input, field by field: answered 400 with an `errors` array (RFC 9457 extension member). */
export class RequestValidationError extends BadRequestException {
  readonly code = 'REQUEST.INVALID';

  constructor(readonly errors: FieldProblem[]) {
    super({ code: 'REQUEST.INVALID', message: `Invalid request: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}` });
    this.name = 'RequestValidationError';
  }
}

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message: message.replace(/^property \S+ /, '') }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * The app-wide pipe: DTOs are checked by class-validator, unknown fields are refused by name,
 * payloads are turned into DTO instances. Non-object bodies (`[]`, `"x"`, `null`) never reach a
 * handler as a DTO. Each class's rules are worked out once (validation-metadata-cache.ts).
 */
export const requestValidationPipe = () => {
  rememberValidationMetadata();
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new RequestValidationError(flatten(errors)),
  });
};

/**
 * Strings with a lone UTF-16 surrogate (a truncated emoji) are not I-JSON: the hash chain's
 * canonical form refuses them at append time (ADR 0004), so they are refused here as input.
 */
const wellFormed = (text: string) => text.isWellFormed();

export function findIllFormedStrings(value: unknown, path = '', found: FieldProblem[] = [], depth = 0): FieldProblem[] {
  if (found.length >= 10 || depth > 64) return found;
  if (typeof value === 'string') {
    if (!wellFormed(value)) found.push({ field: path || '(body)', message: 'contains a lone surrogate (not valid Unicode text)' });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => findIllFormedStrings(item, path ? `${path}.${i}` : String(i), found, depth + 1));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const field = path ? `${path}.${key}` : key;
      if (!wellFormed(key)) found.push({ field, message: 'is a field name with a lone surrogate' });
      findIllFormedStrings(item, field, found, depth + 1);
    }
  }
  return found;
}
