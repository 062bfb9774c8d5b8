/** What a writer expected the stream to be at, in the client's terms. */
export type StreamRevision = bigint | 'no_stream';
export type ExpectedStreamRevision = StreamRevision | 'any' | 'stream_exists';

/**
 * The stream moved on between our read and our append (and kept moving for every retry).
 * The API answers 409; the caller may reload and try again.
 */
export class ConcurrencyConflictError extends Error {
  readonly code = 'EVENTSTORE.CONCURRENCY_CONFLICT';

  constructor(
    readonly streamName: string,
    readonly expectedRevision: ExpectedStreamRevision,
    readonly actualRevision: StreamRevision,
    readonly attempts: number,
  ) {
    super(`${streamName} was changed by someone else: expected revision ${String(expectedRevision)}, found ${String(actualRevision)}` + (attempts > 1 ? ` (gave up after ${attempts} attempts)` : ''));
    this.name = 'ConcurrencyConflictError';
  }
}
