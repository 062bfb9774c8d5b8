/**
 * Verifies the hash chain of every stream from events read in `$all` order: each event's own hash,
 * its link to the stream's previous event and the contiguity of revisions (chain-check.ts). The
 * state carried between events is, per stream, the revision and hash the next event must follow
 * (a HeadStore: in memory for one pass, in MongoDB for the incremental background verifier).
 * Only the first bad event of a stream is named; its later events are not checked.
 */
import type { RecordedEvent } from '@eventstore/db-client';
import { ChainHead, checkChainStep, IntegrityFinding } from './chain-check';

/** A stream's verified head, or `bad` once its first bad event was found. */
export type StoredHead = ChainHead | 'bad';

export interface HeadStore {
  /** The heads of these streams; a stream not seen yet is absent. */
  load(streams: string[]): Promise<Map<string, StoredHead>>;
  save(heads: Map<string, StoredHead>): Promise<void>;
}

/** One pass's heads, in memory: ~200 bytes a stream. */
export class MemoryHeadStore implements HeadStore {
  readonly heads = new Map<string, StoredHead>();

  async load(streams: string[]): Promise<Map<string, StoredHead>> {
    const found = new Map<string, StoredHead>();
    for (const stream of streams) {
      const head = this.heads.get(stream);
      if (head) found.set(stream, head);
    }
    return found;
  }

  async save(heads: Map<string, StoredHead>): Promise<void> {
    for (const [stream, head] of heads) this.heads.set(stream, head);
  }
}

/** System streams (`$$<stream>` metadata, `$`-prefixed projections) are the server's, not chained. */
export const isChainedStream = (stream: string): boolean => !stream.startsWith('$');

/** Verifies a batch of events in `$all` order; returns the first bad event of each stream that broke in it. */
export async function auditEvents(events: readonly RecordedEvent[], heads: HeadStore): Promise<IntegrityFinding[]> {
  const streams = [...new Set(events.map((event) => event.streamId).filter(isChainedStream))];
  const known = await heads.load(streams);
  const changed = new Map<string, StoredHead>();
  const findings: IntegrityFinding[] = [];
  for (const event of events) {
    if (!isChainedStream(event.streamId)) continue;
    const head = changed.get(event.streamId) ?? known.get(event.streamId);
    if (head === 'bad') continue;
    const step = checkChainStep(event, head ?? 'start');
    if (step.ok) changed.set(event.streamId, step.head);
    else {
      findings.push(step.finding);
      changed.set(event.streamId, 'bad');
    }
  }
  await heads.save(changed);
  return findings;
}
