/** Malformed input from a client: answered with INVALID_ARGUMENT, never a crash. */
export class BadRequest extends Error {
  constructor(
    message: string,
    /** EventStoreDB's `exception` trailer, where it defines one for the case. */
    readonly exception?: string,
  ) {
    super(message);
  }
}
