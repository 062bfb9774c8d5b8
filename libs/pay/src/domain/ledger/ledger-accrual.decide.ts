import { isDeepStrictEqual } from 'node:util';
import { accrualIdOf, PAY_CAPACITIES, PAY_RULES, type AccrualLine, type AccrualWork } from '../accrual/accrual.lines';
import { isMoney } from '../money/money';
import { payPeriodOf } from '../shared/time';
import type { AdjustPay, ClawBackPay, RecordAccruals } from './ledger.commands';
import { ledgerErrors } from './ledger.errors';
import type { AccrualRecorded, LedgerEvent } from './ledger.events';
import { ledgerFor, requireAmount, requireId, requireInstant, requireText, sameKind } from './ledger.guards';
import { activeHoldsOn, quantityOf, type LedgerAccrual, type OpenPayLedger, type PayLedger } from './ledger.state';

/**
 * Records the lines priced for one source event. Exactly once, in the domain too: a line already
 * recorded the same way is skipped (a replayed reaction), one recorded differently is refused.
 */
export function recordAccruals(command: RecordAccruals, state: PayLedger): LedgerEvent[] {
  const ledger = ledgerFor(command, state);
  const { participantId, period, sourceEventId, parcelId, work, lines, accruedAt } = command;
  requireId(ledger, 'sourceEventId', sourceEventId);
  if (parcelId !== null) requireId(ledger, 'parcelId', parcelId);
  requireInstant(ledger, 'accruedAt', accruedAt);
  requireWork(ledger, work);
  if (payPeriodOf(accruedAt) !== period) throw ledgerErrors.outsidePeriod(participantId, period, accruedAt);
  if (!Array.isArray(lines) || lines.length === 0) throw ledgerErrors.invalidDetails(participantId, period, 'lines', 'must hold at least one line');

  let currency = ledger.currency;
  const ids = new Set<string>();
  const events: AccrualRecorded[] = [];
  lines.forEach((line, index) => {
    requireLine(ledger, line, index, currency);
    if (isMoney(line.amount)) currency = line.amount.currency;
    const accrualId = accrualIdOf(sourceEventId, line);
    if (ids.has(accrualId)) throw ledgerErrors.invalidDetails(participantId, period, 'lines', `name ${accrualId} twice`);
    ids.add(accrualId);
    const existing = ledger.accruals.get(accrualId);
    if (existing && sameAccrual(existing, line, parcelId)) return;
    if (existing) throw ledgerErrors.alreadyAccrued(participantId, period, accrualId);
    const { rule, amount, rateCardId, rateCardVersion, basis } = line;
    const data = { participantId, period, accrualId, sourceEventId, rule, amount, rateCardId, rateCardVersion, basis, parcelId, work, heldUnder: activeHoldsOn(ledger, parcelId), accruedAt };
    events.push({ type: 'AccrualRecorded', data });
  });
  return events;
}

function requireWork(ledger: OpenPayLedger, work: AccrualWork): void {
  if (typeof work !== 'object' || work === null) throw ledgerErrors.invalidDetails(ledger.participantId, ledger.period, 'work', 'must state capacity, hubId and routeId');
  if (!PAY_CAPACITIES.includes(work.capacity)) throw ledgerErrors.invalidDetails(ledger.participantId, ledger.period, 'work.capacity', `must be one of ${PAY_CAPACITIES.join(', ')}`);
  if (work.hubId !== null) requireId(ledger, 'work.hubId', work.hubId);
  if (work.routeId !== null) requireId(ledger, 'work.routeId', work.routeId);
}

function requireLine(ledger: OpenPayLedger, line: AccrualLine, index: number, currency: string | null): void {
  const field = `lines[${index}]`;
  if (!PAY_RULES.includes(line.rule)) throw ledgerErrors.invalidDetails(ledger.participantId, ledger.period, `${field}.rule`, `must be one of ${PAY_RULES.join(', ')}`);
  requireId(ledger, `${field}.rateCardId`, line.rateCardId);
  if (!Number.isSafeInteger(line.rateCardVersion) || line.rateCardVersion < 1)
    throw ledgerErrors.invalidDetails(ledger.participantId, ledger.period, `${field}.rateCardVersion`, 'must be a version number, 1 or more');
  requireAmount(ledger, `${field}.amount`, line.amount, 'positive', currency);
}

const sameAccrual = (existing: LedgerAccrual, line: AccrualLine, parcelId: string | null): boolean =>
  isDeepStrictEqual(existing.amount, line.amount) && existing.rateCardId === line.rateCardId && existing.rateCardVersion === line.rateCardVersion && existing.parcelId === parcelId;

/** A correction in either direction, never an edit of what was recorded. */
export function adjustPay(command: AdjustPay, state: PayLedger): LedgerEvent[] {
  const ledger = ledgerFor(command, state);
  const { participantId, period, adjustmentId, amount, reason, accrualId, parcelId, adjustedBy, adjustedAt } = command;
  const data = { participantId, period, adjustmentId, amount, reason, accrualId, parcelId, adjustedBy, adjustedAt };
  const existing = ledger.adjustments[adjustmentId];
  if (existing) {
    if (isDeepStrictEqual({ ...existing, statementId: undefined }, { ...data, statementId: undefined })) return [];
    throw ledgerErrors.alreadyRecorded(participantId, period, 'Adjustment', adjustmentId);
  }
  requireId(ledger, 'adjustmentId', adjustmentId);
  requireAmount(ledger, 'amount', amount, 'non-zero');
  requireText(ledger, 'reason', reason);
  if (accrualId !== null && !ledger.accruals.has(accrualId)) throw ledgerErrors.accrualNotFound(participantId, period, accrualId);
  if (parcelId !== null) requireId(ledger, 'parcelId', parcelId);
  requireId(ledger, 'adjustedBy', adjustedBy);
  requireInstant(ledger, 'adjustedAt', adjustedAt);
  return [{ type: 'PayAdjusted', data }];
}

/** Takes back part or all of one accrual, never more than is left of it. */
export function clawBackPay(command: ClawBackPay, state: PayLedger): LedgerEvent[] {
  const ledger = ledgerFor(command, state);
  const { participantId, period, clawbackId, accrualId, amount, reason, clawedBackBy, clawedBackAt } = command;
  const data = { participantId, period, clawbackId, accrualId, amount, reason, clawedBackBy, clawedBackAt };
  const existing = ledger.clawbacks[clawbackId];
  if (existing) {
    if (isDeepStrictEqual({ ...existing, statementId: undefined }, { ...data, statementId: undefined })) return [];
    throw ledgerErrors.alreadyRecorded(participantId, period, 'Clawback', clawbackId);
  }
  requireId(ledger, 'clawbackId', clawbackId);
  const accrual = ledger.accruals.get(accrualId);
  if (!accrual) throw ledgerErrors.accrualNotFound(participantId, period, accrualId);
  requireAmount(ledger, 'amount', amount, 'positive');
  if (!sameKind(amount, accrual.amount)) throw ledgerErrors.invalidDetails(participantId, period, 'amount', `must be of the accrual's kind (${kindOf(accrual.amount)})`);
  const remaining = quantityOf(accrual.amount) - accrual.clawedBack;
  if (quantityOf(amount) > remaining) throw ledgerErrors.clawbackExceedsAccrual(accrualId, remaining, quantityOf(amount));
  requireText(ledger, 'reason', reason);
  requireId(ledger, 'clawedBackBy', clawedBackBy);
  requireInstant(ledger, 'clawedBackAt', clawedBackAt);
  return [{ type: 'PayClawedBack', data }];
}

const kindOf = (amount: LedgerAccrual['amount']): string => ('currency' in amount ? amount.currency : amount.creditUnit);
