import { Injectable, Logger } from '@nestjs/common';
import { describeFinding, IntegrityFinding } from './chain-check';

/** Who found it: a command's load, a projection, the background verifier, or the CLI. */
export type FindingSource = 'command' | 'projection' | 'background' | 'full-pass';

export type FindingListener = (finding: IntegrityFinding, source: FindingSource) => Promise<void> | void;

/**
 * Where every verifier in a process reports a broken chain. A finding is never silent: it is
 * logged as an error here, and each listener (the MongoDB findings recorder that /health reads)
 * is told. A listener's failure is logged, never thrown into the command that found the tampering.
 */
@Injectable()
export class IntegrityAlarm {
  private readonly logger = new Logger('Integrity');
  private readonly listeners = new Set<FindingListener>();

  listen(listener: FindingListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async raise(finding: IntegrityFinding, source: FindingSource): Promise<void> {
    this.logger.error({ msg: 'LEDGER TAMPERED: a stored event fails its hash chain', source, where: describeFinding(finding), ...finding });
    await Promise.all(
      [...this.listeners].map(async (listener) => {
        try {
          await listener(finding, source);
        } catch (error) {
          this.logger.error({ msg: 'could not record an integrity finding', error: error instanceof Error ? error.message : String(error) });
        }
      }),
    );
  }
}
