/**
 * Errors answered to clients with MongoDB's codes, code names and message shapes.
 * A command that throws one of these answers `{ ok: 0, errmsg, code, codeName, ...extra }`.
 */
export const CODES = {
  BadValue: 2,
  FailedToParse: 9,
  Unauthorized: 13,
  TypeMismatch: 14,
  InvalidLength: 16,
  ProtocolError: 17,
  AuthenticationFailed: 18,
  IllegalOperation: 20,
  NamespaceNotFound: 26,
  IndexNotFound: 27,
  PathNotViable: 28,
  ConflictingUpdateOperators: 40,
  CursorNotFound: 43,
  NamespaceExists: 48,
  DollarPrefixedFieldName: 52,
  InvalidIdField: 53,
  NotSingleValueField: 54,
  NoSuchKey: 4,
  CommandNotFound: 59,
  ImmutableField: 66,
  CannotCreateIndex: 67,
  IndexAlreadyExists: 68,
  InvalidOptions: 72,
  InvalidNamespace: 73,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  NotExactValueField: 111,
  CommandNotSupported: 115,
  InvalidPipelineOperator: 168,
  InvalidIndexSpecificationOption: 197,
  MechanismUnavailable: 334,
  DuplicateKey: 11000,
  Location40324: 40324,
  Location40415: 40415,
} as const;

export type CodeName = keyof typeof CODES;

export class MongoCommandError extends Error {
  readonly code: number;
  constructor(
    readonly codeName: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
    code?: number,
  ) {
    super(message);
    this.code = code ?? CODES[codeName as CodeName];
  }

  toReply(): Record<string, unknown> {
    return { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName, ...this.extra };
  }
}

export const commandError = (codeName: CodeName, message: string, extra?: Record<string, unknown>) => new MongoCommandError(codeName, message, extra);

/** Anything thrown while running a command becomes a MongoDB-shaped error; never a crash. */
export function toCommandError(error: unknown): MongoCommandError {
  if (error instanceof MongoCommandError) return error;
  const coded = error as { code?: unknown; codeName?: unknown; message?: string };
  if (typeof coded?.code === 'number' && typeof coded.codeName === 'string') return new MongoCommandError(coded.codeName, coded.message ?? '', {}, coded.code);
  const message = error instanceof Error ? error.message : String(error);
  return translateLibraryError(message);
}

/** mingo's messages for unknown or unsupported operators, translated to MongoDB's. */
function translateLibraryError(message: string): MongoCommandError {
  const unknownQuery = /unknown query operator:? ['"]?(\$\w+)/i.exec(message);
  if (unknownQuery) return commandError('BadValue', `unknown operator: ${unknownQuery[1]}`);
  const unknownStage = /unregistered pipeline operator:? ['"]?(\$\w+)/i.exec(message);
  if (unknownStage) return commandError('Location40324', `Unrecognized pipeline stage name: '${unknownStage[1]}'`);
  const unknownExpression = /(?:expression|accumulator|operator) ['"]?(\$\w+)['"]? (?:is )?not (?:registered|supported|found)/i.exec(message);
  if (unknownExpression) return commandError('InvalidPipelineOperator', `Unrecognized expression '${unknownExpression[1]}'`);
  return commandError('BadValue', message);
}
