/**
 * Test support: folds events through a projection's handlers into documents as the runtime does
 * (its per-document marker skips a change already applied), so "applied twice changes nothing"
 * is checked with the runtime's own rule, for projections built on `$inc` and `$push`.
 */
import type { RecordedEnvelope } from '@handoff/eventstore';
import type { DomainEvent } from '@handoff/kernel';
import { project, type ProjectionDefinition } from '@handoff/projections';
import { changeMarker } from '@handoff/projections/definition/position';
import { applyChanges } from '@handoff/projections/runtime/change-writer';
import type { Document } from 'mongodb';
import type { AccrualWork } from '../domain/accrual/accrual.lines';

export type FoldedCollections = Record<string, Map<string, Document>>;

/** `events` in order, as recorded at positions 1, 2, 3… of `$all` and revisions 0, 1, 2… of their streams (or the revision given). */
export function recordedAt(events: Array<DomainEvent & { revision?: number; stream?: string }>): RecordedEnvelope[] {
  const revisions = new Map<string, number>();
  return events.map((event, index) => {
    const stream = event.stream ?? 'stream';
    const revision = event.revision ?? revisions.get(stream) ?? 0;
    revisions.set(stream, revision + 1);
    return {
      type: event.type,
      data: event.data,
      schemaVersion: 1,
      streamName: stream,
      revision: BigInt(revision),
      position: { commit: BigInt(index + 1), prepare: BigInt(index + 1) },
    } as unknown as RecordedEnvelope;
  });
}

export function foldProjection(definition: ProjectionDefinition<any>, envelopes: RecordedEnvelope[], into: FoldedCollections = {}): FoldedCollections {
  for (const envelope of envelopes) {
    project(definition, envelope).forEach((change, index) => {
      const documents = (into[change.collection] ??= new Map());
      const id = String(change.id);
      const { next } = applyChanges((documents.get(id) ?? null) as never, [{ change, marker: changeMarker(envelope.position!, index) }]);
      if (next) documents.set(id, next);
      else documents.delete(id);
    });
  }
  return into;
}

/** The city hub of the report specs, and a ledger command's overrides for work there and for another participant's March. */
export const REPORT_HUB = 'hub-city';
export const onRoute = (capacity: AccrualWork['capacity'], routeId: string | null = 'route-7'): { work: AccrualWork } => ({ work: { capacity, hubId: REPORT_HUB, routeId } });
export const ledgerOf = (participantId: string) => ({ participantId, period: '2025-03' });
