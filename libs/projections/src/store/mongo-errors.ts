import { MongoBulkWriteError, MongoServerError } from 'mongodb';

/** E11000: a document with that key exists already. */
export const DUPLICATE_KEY = 11000;

export function isDuplicateKeyError(error: unknown): boolean {
  return (error instanceof MongoServerError || error instanceof MongoBulkWriteError) && error.code === DUPLICATE_KEY;
}

export interface BulkWriteFailure {
  index: number;
  code: number;
  message: string;
}

/** The first write error of a failed ordered bulkWrite (the one that stopped it). */
export function firstWriteError(error: unknown): BulkWriteFailure | undefined {
  if (!(error instanceof MongoBulkWriteError)) return undefined;
  const errors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
  const first = errors.filter(Boolean).sort((a, b) => a.index - b.index)[0];
  return first ? { index: first.index, code: first.code, message: first.errmsg ?? error.message } : undefined;
}
