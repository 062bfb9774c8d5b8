import type { EventStoreDBClient, Position } from '@eventstore/db-client';
import { BACKWARDS, END } from '@eventstore/db-client';
import { auditEvents, HeadStore, MemoryHeadStore } from './chain-audit';
import type { IntegrityFinding } from './chain-check';
import { readAllPages } from './read-all-pages';

export interface VerifyAllOptions {
  /** Where each stream stands; a fresh MemoryHeadStore (a whole pass from the start) by default. */
  heads?: HeadStore;
  /** Exclusive: continue after this `$all` position (incremental verification). */
  after?: Position;
  pageSize?: number;
  /** After each page is verified: its findings, and how far the pass has come. */
  onPage?: (findings: IntegrityFinding[], progress: { events: number; through: Position | undefined }) => Promise<void> | void;
}

export interface VerifyAllResult {
  events: number;
  findings: IntegrityFinding[];
  /** The last position verified (the checkpoint to continue from). */
  through: Position | undefined;
}

/**
 * Verifies every stream's hash chain from `$all` (chain-audit.ts), up to the end of `$all` as the
 * pass reaches it. Used by `cli audit verify`, the scheduled full pass and the incremental verifier.
 */
export async function verifyAll(client: EventStoreDBClient, options: VerifyAllOptions = {}): Promise<VerifyAllResult> {
  const heads = options.heads ?? new MemoryHeadStore();
  const findings: IntegrityFinding[] = [];
  let events = 0;
  let through = options.after;
  for await (const page of readAllPages(client, { after: options.after, pageSize: options.pageSize })) {
    const found = await auditEvents(page.events, heads);
    if (page.undecodable) found.push(page.undecodable);
    events += page.events.length;
    through = page.through ?? through;
    findings.push(...found);
    await options.onPage?.(found, { events, through });
  }
  return { events, findings, through };
}

/** The position of the last event in `$all` (what a pass started now will reach), undefined when empty. */
export async function allHeadPosition(client: EventStoreDBClient): Promise<Position | undefined> {
  let head: Position | undefined;
  for await (const resolved of client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 })) head = resolved.event?.position ?? head;
  return head;
}
