import { handleCommand } from '@handoff/commands';
import type { Command } from '@handoff/kernel';
import { deadMileTopUp, shiftAccruals } from '../domain/accrual/accrual.calculator';
import type { AccrualLine, PayCapacity } from '../domain/accrual/accrual.lines';
import type { ShiftFact } from '../domain/accrual/accrual.facts';
import type { AdjustPay as AdjustDomain, ClawBackPay as ClawBackDomain, PayLedgerCommand, RecordAccruals as RecordDomain } from '../domain/ledger/ledger.commands';
import { payLedgerDecider } from '../domain/ledger/ledger.decider';
import { accrualErrors } from '../domain/accrual/accrual.errors';
import type { LedgerEvent } from '../domain/ledger/ledger.events';
import type { OpenPayLedger, PayLedger } from '../domain/ledger/ledger.state';
import type { CashPayClass } from '../domain/rate-card/rate-card.rates';
import { compareInstants } from '../domain/shared/time';
import type { ParcelHoldTerms } from '../domain/parcel-pay/parcel-pay.events';
import { courierRunDecider, type CourierRunEnded, type NoteCourierRunEnded as NoteCourierRunEndedDomain } from '../domain/courier-run/courier-run';
import { payStreams } from '../pay-streams';
import type { PayRecords } from './pay-records';

interface LedgerData {
  participantId: string;
  period: string;
}

/** A posting of the `pay-ledger-postings` reaction: the lines priced on the parcel's pay stream. */
export type RecordAccruals = Command<'RecordAccruals', Omit<RecordDomain, 'type'>>;
/** A parcel hold reaching one ledger (the postings reaction fans it out; never issued by a person). */
export type HoldLedgerParcelPay = Command<'HoldLedgerParcelPay', LedgerData & ParcelHoldTerms & { parcelId: string }>;
export type ReleaseLedgerParcelPay = Command<'ReleaseLedgerParcelPay', LedgerData & { holdId: string; releasedBy: string; releasedAt: string }>;
export type AdjustPay = Command<'AdjustPay', Pick<AdjustDomain, 'participantId' | 'period' | 'adjustmentId' | 'amount' | 'reason' | 'accrualId' | 'parcelId'>>;
export type ClawBackPay = Command<'ClawBackPay', Pick<ClawBackDomain, 'participantId' | 'period' | 'clawbackId' | 'accrualId' | 'amount' | 'reason'>>;
export type IssueStatement = Command<'IssueStatement', LedgerData & { statementId: string }>;
export type ApproveStatement = Command<'ApproveStatement', LedgerData & { statementId: string }>;
export type SettleStatement = Command<'SettleStatement', LedgerData & { statementId: string; paymentReference: string }>;
/**
 * A shift worked, priced on its worker's ledger (the month it started): an hourly role by the
 * hour, a volunteer's shift in credits, a courier's loop or shift topped up to the dead-mile
 * guarantee from the delivery and surge lines this ledger holds in its window.
 */
export type AccrueShift = Command<
  'AccrueShift',
  LedgerData & {
    sourceEventId: string;
    shiftId: string;
    hubId: string;
    work: { kind: 'hourly'; role: string } | { kind: 'volunteer' } | { kind: 'courier'; run: 'loop' | 'shift'; routeId: string | null };
    startedAt: string;
    endedAt: string;
  }
>;

/** A courier's loop or shift ended: noted once every delivery before it is priced, then topped up by the postings reaction (ADR 0026). */
export type NoteCourierRunEnded = Command<'NoteCourierRunEnded', Omit<NoteCourierRunEndedDomain, 'type'>>;

type LedgerCommandOf = RecordAccruals | HoldLedgerParcelPay | ReleaseLedgerParcelPay | AdjustPay | ClawBackPay | IssueStatement | ApproveStatement | SettleStatement | AccrueShift;

/** Statements whose cash total is above this need a second approver (configuration; in the ledger's currency). */
export interface StatementPolicy {
  secondApprovalAboveMinor: number;
  /** For a ledger that holds no cash yet. */
  currency: string;
}

/**
 * How a participant's monthly ledger is decided (ADR 0023, 0026), on
 * `payledger-<participantId>-<yyyy-mm>`: postings and hold fan-out by the reactions (`system`),
 * corrections and statements by admins. The payee never approves their own statement (the decider
 * refuses it whoever they are).
 */
export function ledgerHandlings(records: PayRecords, policy: StatementPolicy) {
  const onLedger = <C extends LedgerCommandOf>(type: C['type'], roles: string[], toDomain: (command: C, state: PayLedger) => PayLedgerCommand | Promise<PayLedgerCommand>) =>
    handleCommand<C, PayLedgerCommand, PayLedger, LedgerEvent>({
      type,
      decider: payLedgerDecider,
      roles,
      streamOf: ({ data }) => payStreams.ledger(data.participantId, data.period),
      toDomain,
      created: ({ data }) => ({ participantId: data.participantId, period: data.period, ...createdIds(data) }),
    });

  return [
    handleCommand<NoteCourierRunEnded, NoteCourierRunEndedDomain, { noted: boolean }, CourierRunEnded>({
      type: 'NoteCourierRunEnded',
      decider: courierRunDecider,
      roles: ['system'],
      streamOf: ({ data }) => payStreams.courierRun(data.hubId, data.shiftId),
      toDomain: ({ data }) => ({ ...data, type: 'NoteCourierRunEnded' }),
    }),
    onLedger<RecordAccruals>('RecordAccruals', ['system'], ({ data }) => ({ ...data, type: 'RecordAccruals' })),
    onLedger<HoldLedgerParcelPay>('HoldLedgerParcelPay', ['system'], ({ data }) => ({ ...data, type: 'PlaceParcelPayHold' })),
    onLedger<ReleaseLedgerParcelPay>('ReleaseLedgerParcelPay', ['system'], ({ data }) => ({ ...data, type: 'ReleaseParcelPayHold' })),
    onLedger<AdjustPay>('AdjustPay', ['admin'], ({ data, metadata }) => ({ ...data, type: 'AdjustPay', adjustedBy: metadata.actor.id, adjustedAt: metadata.now })),
    onLedger<ClawBackPay>('ClawBackPay', ['admin'], ({ data, metadata }) => ({ ...data, type: 'ClawBackPay', clawedBackBy: metadata.actor.id, clawedBackAt: metadata.now })),
    onLedger<IssueStatement>('IssueStatement', ['admin'], ({ data, metadata }, state) => ({
      ...data,
      type: 'IssueStatement',
      secondApprovalAbove: { amountMinor: policy.secondApprovalAboveMinor, currency: (state.status === 'open' && state.currency) || policy.currency },
      issuedBy: metadata.actor.id,
      issuedAt: metadata.now,
    })),
    onLedger<ApproveStatement>('ApproveStatement', ['admin'], ({ data, metadata }) => ({ ...data, type: 'ApproveStatement', approvedBy: metadata.actor.id, approvedAt: metadata.now })),
    onLedger<SettleStatement>('SettleStatement', ['admin'], ({ data, metadata }) => ({ ...data, type: 'SettleStatement', settledBy: metadata.actor.id, settledAt: metadata.now })),
    onLedger<AccrueShift>('AccrueShift', ['system'], async ({ data }, state) => {
      const card = await records.rateCardAt(data.hubId, null, data.startedAt);
      if (!card) throw accrualErrors.noRateCard(`hub ${data.hubId}`, data.startedAt, data.sourceEventId);
      const { lines, capacity, routeId } = await shiftLines(records, card, data, state);
      return {
        type: 'RecordAccruals',
        participantId: data.participantId,
        period: data.period,
        sourceEventId: data.sourceEventId,
        parcelId: null,
        work: { capacity, hubId: data.hubId, routeId },
        lines,
        accruedAt: data.startedAt,
      };
    }),
  ];
}

const createdIds = (data: object): Record<string, string> =>
  Object.fromEntries(Object.entries(data).filter(([key, value]) => ['adjustmentId', 'clawbackId', 'statementId', 'holdId'].includes(key) && typeof value === 'string'));

async function shiftLines(
  records: PayRecords,
  card: NonNullable<Awaited<ReturnType<PayRecords['rateCardAt']>>>,
  data: AccrueShift['data'],
  state: PayLedger,
): Promise<{ lines: AccrualLine[]; capacity: PayCapacity; routeId: string | null }> {
  const { work } = data;
  if (work.kind !== 'courier') {
    const fact: ShiftFact = { sourceEventId: data.sourceEventId, shiftId: data.shiftId, participantId: data.participantId, work, startedAt: data.startedAt, endedAt: data.endedAt };
    return { lines: shiftAccruals(card, fact), capacity: work.kind === 'hourly' ? 'hourly' : 'volunteer', routeId: null };
  }
  const courier = await records.party(data.participantId);
  const engagement = courier?.profile.engagement?.kind;
  const payClass: CashPayClass = courier?.profile.kind === 'hub' ? 'hub' : engagement === 'gig' ? 'gig-courier' : 'paid-courier';
  const earnedLines = state.status === 'open' ? linesWithin(state, data.startedAt, data.endedAt) : [];
  const run = { sourceEventId: data.sourceEventId, participantId: data.participantId, run: work.run, runId: data.shiftId, payClass, earnedLines, endedAt: data.endedAt };
  const capacity: PayCapacity = payClass === 'hub' ? 'hub' : payClass === 'gig-courier' ? 'gig-courier' : 'paid-courier';
  return { lines: deadMileTopUp(card, run), capacity, routeId: work.routeId };
}

/** The cash delivery and surge lines this ledger recorded for work done in `[from, until)`. */
function linesWithin(ledger: OpenPayLedger, from: string, until: string): AccrualLine[] {
  return [...ledger.accruals.values()]
    .filter((accrual) => (accrual.rule === 'delivery' || accrual.rule === 'surge-premium') && compareInstants(from, accrual.accruedAt) <= 0 && compareInstants(accrual.accruedAt, until) < 0)
    .map(({ rule, amount, rateCardId, rateCardVersion, basis }) => ({ rule, amount, rateCardId, rateCardVersion, basis }));
}
