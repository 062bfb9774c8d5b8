/**
 * Who reads which pay answer (issue 19 §4), decided from the key before anything is read:
 * - admins and auditors: everything;
 * - a courier or a coordinator: their own ledger (statements, annual totals), and a coordinator
 *   their own cycles;
 * - a coordinator: the hub reports (pay equity, delivery cost) of the hub their key names;
 * - retailers: nothing. The cost of a retailer's own parcels is not derivable from the ledger,
 *   whose accruals name the parcel, hub, route and capacity but no retailer (ADR 0027).
 */
import type { AuthenticatedActor } from '@handoff/shared/auth';
import { payReportErrors } from './pay-report.errors';

export type PayReader = Pick<AuthenticatedActor, 'role' | 'participantId' | 'hubId'>;

const readsEverything = (reader: PayReader) => reader.role === 'admin' || reader.role === 'auditor';

export function mayReadLedgerOf(reader: PayReader, participantId: string): void {
  if (readsEverything(reader)) return;
  if (reader.participantId !== participantId) throw payReportErrors.notOwnLedger(participantId, reader.participantId, reader.role);
}

export function mayReadHub(reader: PayReader, hubId: string): void {
  if (readsEverything(reader)) return;
  if (reader.role !== 'coordinator' || reader.hubId !== hubId) throw payReportErrors.otherHub(hubId, reader.hubId);
}
