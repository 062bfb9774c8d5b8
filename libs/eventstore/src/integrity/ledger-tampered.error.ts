import { describeFinding, IntegrityFinding } from './chain-check';

/**
 * A stream's stored events fail their hash chain (ADR 0004, ADR 0012): something altered, removed
 * or reordered them outside the write path. Nothing is decided or projected on such a stream; it
 * is not the caller's fault, so the API answers 503 and an operator must restore the stream.
 */
export class LedgerTamperedError extends Error {
  readonly code = 'LEDGER.TAMPERED';

  constructor(readonly finding: IntegrityFinding) {
    super(`the ledger's record of ${finding.stream ?? 'a stream'} fails verification and is not acted on (${describeFinding(finding)})`);
    this.name = 'LedgerTamperedError';
  }
}
