/**
 * Participant statements: "what did P earn in month M, line by line, and where is it in the pay
 * run?" One summary document per participant-month (totals, holds, statements) and the lines in
 * buckets of LINES_PER_BUCKET, addressed by the ledger stream's revision: a rebuild writes each
 * bucket once per batch instead of inserting a document per accrual, and a page of lines is a few
 * documents. Lines are kept as JSON text, and a statement's member ids as one string: the store
 * and the driver then move one string each instead of building every field of ten thousand
 * objects (ADR 0019 did the same for the parcel board's list items), and a page parses its own. Every change is an `$inc`, `$push` or `$set` addressed by a fact of the event
 * itself; the runtime's per-document marker (ADR 0005) makes a replay a no-op. Fed by the
 * pay-reports projection (pay-read-models.projection.ts) with the other pay read models.
 */
import type { RecordedEnvelope } from '@handoff/eventstore';
import { upsert } from '@handoff/projections';
import type { ProjectionHandlers, ReadModelChange, ReadModelCollection } from '@handoff/projections';
import type { PayAmount } from '../../domain/money/credit';
import type { LedgerEvent } from '../../domain/ledger/ledger.events';
import { amountIncrement, monthKey } from '../pay-read-model.keys';

export const STATEMENT_MONTHS = 'statementMonths';
export const STATEMENT_LINES = 'statementLines';
/** Lines per bucket document: 10,000 accruals are 50 reads; a bucket stays ~60 KB. */
export const LINES_PER_BUCKET = 200;

/** One line of a month, as stored (an accrual, an adjustment or a clawback). */
/** `revision`: the line's revision in its ledger stream, which orders the month's lines and pages them. */
export type StoredLine = { revision: number } & (
  | {
      kind: 'accrual';
      accrualId: string;
      rule: string;
      amount: PayAmount;
      rateCardId: string;
      rateCardVersion: number;
      sourceEventId: string;
      parcelId: string | null;
      heldUnder: string[];
      at: string;
    }
  | { kind: 'adjustment'; adjustmentId: string; amount: PayAmount; reason: string; accrualId: string | null; parcelId: string | null; by: string; at: string }
  | { kind: 'clawback'; clawbackId: string; accrualId: string; amount: PayAmount; reason: string; by: string; at: string }
);

type Envelope<T extends LedgerEvent['type']> = RecordedEnvelope<Extract<LedgerEvent, { type: T }>>;

/** The ledger stream's revision places a line in its bucket: the same line always lands in the same document. */
const bucketOf = (event: RecordedEnvelope): number => Number(event.revision / BigInt(LINES_PER_BUCKET));

type LineOf<K extends StoredLine['kind']> = Omit<Extract<StoredLine, { kind: K }>, 'revision'>;

function lineChanges(event: RecordedEnvelope<LedgerEvent>, line: LineOf<StoredLine['kind']>, summary: Record<string, unknown>): ReadModelChange[] {
  const { participantId, period } = event.data;
  const bucket = bucketOf(event);
  return [
    upsert(STATEMENT_MONTHS, monthKey(participantId, period), { $setOnInsert: { participantId, period }, ...summary }),
    upsert(STATEMENT_LINES, `${monthKey(participantId, period)}|${bucket}`, {
      $setOnInsert: { participantId, period, bucket },
      $push: { lines: JSON.stringify({ revision: Number(event.revision), ...line }) },
    }),
  ];
}

const month = (event: RecordedEnvelope<LedgerEvent>, update: Record<string, unknown>): ReadModelChange[] => [
  upsert(STATEMENT_MONTHS, monthKey(event.data.participantId, event.data.period), { $setOnInsert: { participantId: event.data.participantId, period: event.data.period }, ...update }),
];

export const statementHandlers: ProjectionHandlers<LedgerEvent> = {
  AccrualRecorded: (event: Envelope<'AccrualRecorded'>) => {
    const { accrualId, rule, amount, rateCardId, rateCardVersion, sourceEventId, parcelId, heldUnder, accruedAt } = event.data;
    const line: LineOf<'accrual'> = { kind: 'accrual', accrualId, rule, amount, rateCardId, rateCardVersion, sourceEventId, parcelId, heldUnder, at: accruedAt };
    // Recorded under a hold (its parcel was held): named on the summary too, so any page can tell it is held.
    const held = heldUnder.length > 0 ? { $push: { heldOnRecord: { accrualId, heldUnder } } } : {};
    return lineChanges(event, line, { $inc: { ...amountIncrement('accrued', amount, 1), 'counts.accruals': 1 }, ...held });
  },
  PayAdjusted: (event: Envelope<'PayAdjusted'>) => {
    const { adjustmentId, amount, reason, accrualId, parcelId, adjustedBy, adjustedAt } = event.data;
    const line: LineOf<'adjustment'> = { kind: 'adjustment', adjustmentId, amount, reason, accrualId, parcelId, by: adjustedBy, at: adjustedAt };
    return lineChanges(event, line, { $inc: { ...amountIncrement('adjusted', amount, 1), 'counts.adjustments': 1 } });
  },
  PayClawedBack: (event: Envelope<'PayClawedBack'>) => {
    const { clawbackId, accrualId, amount, reason, clawedBackBy, clawedBackAt } = event.data;
    const line: LineOf<'clawback'> = { kind: 'clawback', clawbackId, accrualId, amount, reason, by: clawedBackBy, at: clawedBackAt };
    return lineChanges(event, line, { $inc: { ...amountIncrement('clawedBack', amount, 1), 'counts.clawbacks': 1 } });
  },
  // Holds, releases, approvals and settlements are kept as the facts they are (few per month); the
  // view folds them, so no stored element is ever edited in place.
  ParcelPayHeld: (event: Envelope<'ParcelPayHeld'>) => {
    const { holdId, parcelId, reason, heldAccrualIds, placedBy, placedAt } = event.data;
    return month(event, { $push: { holds: { holdId, parcelId, reason, heldAccrualIds, placedBy, placedAt } } });
  },
  ParcelPayHoldReleased: (event: Envelope<'ParcelPayHoldReleased'>) => {
    const { holdId, parcelId, releasedAccrualIds, releasedBy, releasedAt } = event.data;
    return month(event, { $push: { releases: { holdId, parcelId, releasedAccrualIds, releasedBy, releasedAt } } });
  },
  StatementIssued: (event: Envelope<'StatementIssued'>) => {
    const { participantId: _p, period: _m, accrualIds, adjustmentIds, clawbackIds, ...statement } = event.data;
    // Pay ids hold no newline (isPayId): the joined ids split back exactly.
    const lines = { accruals: accrualIds.length, adjustments: adjustmentIds.length, clawbacks: clawbackIds.length };
    return month(event, { $push: { statements: { ...statement, lines, memberIds: [...accrualIds, ...adjustmentIds, ...clawbackIds].join('\n') } } });
  },
  StatementApproved: (event: Envelope<'StatementApproved'>) => {
    const { statementId, approvedBy, approvalNumber, fullyApproved, approvedAt } = event.data;
    return month(event, { $push: { approvals: { statementId, approvedBy, approvalNumber, fullyApproved, approvedAt } } });
  },
  StatementSettled: (event: Envelope<'StatementSettled'>) => {
    const { statementId, paymentReference, cashTotal, settledBy, settledAt } = event.data;
    return month(event, { $push: { settlements: { statementId, paymentReference, cashTotal, settledBy, settledAt } } });
  },
};

export const statementCollections: Record<string, ReadModelCollection> = {
  [STATEMENT_MONTHS]: { indexes: [{ key: { participantId: 1, period: -1 }, name: 'participant_period' }] },
  [STATEMENT_LINES]: { indexes: [{ key: { participantId: 1, period: 1, bucket: 1 }, name: 'participant_period_bucket' }] },
};
