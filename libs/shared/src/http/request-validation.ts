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
 * Text Handoff refuses rather than stores, wherever it appears (bodies, params, queries, field names):
 * - a lone UTF-16 surrogate (a truncated emoji) is not I-JSON: the hash chain's canonical form
 *   refuses it at append time (ADR 0004);
 * - C0 and C1 control characters (NUL, ESC, ...; tab, line feed and carriage return excepted), which
 *   truncate or restyle text in the logs, terminals and PDFs a custody record ends up in;
 * - bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), which make a
 *   name or note read differently from what is stored ("Trojan Source", CVE-2021-42574);
 * - the byte order mark U+FEFF, invisible, so two names that look the same would differ.
 * Refused, not cleaned: a custody record keeps exactly what was stated, and a client that sends
 * these gets told which field to fix. Right-to-left text itself, and the LRM/RLM marks, are fine.
 */
const FORBIDDEN_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFEFF]/;

function textProblem(text: string): string | undefined {
  if (!text.isWellFormed()) return 'contains a lone surrogate (not valid Unicode text)';
  const forbidden = FORBIDDEN_CHARACTER.exec(text)?.[0];
  if (forbidden === undefined) return undefined;
  const codePoint = `U+${forbidden.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  return forbidden >= '\u202A' ? `contains ${codePoint}, an invisible formatting character that can hide or reorder text` : `contains the control character ${codePoint}`;
}

export function findIllFormedStrings(value: unknown, path = '', found: FieldProblem[] = [], depth = 0): FieldProblem[] {
  if (found.length >= 10 || depth > 64) return found;
  if (typeof value === 'string') {
    const problem = textProblem(value);
    if (problem) found.push({ field: path || '(body)', message: problem });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => findIllFormedStrings(item, path ? `${path}.${i}` : String(i), found, depth + 1));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const field = path ? `${path}.${key}` : key;
      const problem = textProblem(key);
      if (problem) found.push({ field, message: `is a field name that ${problem}` });
      findIllFormedStrings(item, field, found, depth + 1);
    }
  }
  return found;
}
