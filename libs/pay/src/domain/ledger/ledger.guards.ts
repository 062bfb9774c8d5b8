import { isCredit, type PayAmount } from '../money/credit';
import { isMoney } from '../money/money';
import { isPayId } from '../shared/ids';
import { isPayPeriod, isUtcInstant } from '../shared/time';
import type { PayLedgerCommand } from './ledger.commands';
import { ledgerErrors } from './ledger.errors';
import { openLedger, type OpenPayLedger, type PayLedger } from './ledger.state';

/** Checks shared by the ledger's commands; each throws the refusal a person would expect. */

/** The ledger the command names; an empty stream is an open ledger with nothing in it yet. */
export function ledgerFor(command: PayLedgerCommand, state: PayLedger): OpenPayLedger {
  const { participantId, period } = command;
  if (!isPayId(participantId)) throw ledgerErrors.invalidDetails(participantId, period, 'participantId', 'must be an id');
  if (!isPayPeriod(period)) throw ledgerErrors.invalidDetails(participantId, period, 'period', 'must be a month, yyyy-mm');
  if (state.status === 'empty') return openLedger(participantId, period);
  if (state.participantId !== participantId || state.period !== period)
    throw ledgerErrors.invalidDetails(participantId, period, 'ledger', `is ${state.participantId}'s ${state.period} ledger, not this one`);
  return state;
}

export function requireId(ledger: OpenPayLedger, field: string, value: unknown): void {
  if (!isPayId(value)) throw ledgerErrors.invalidDetails(ledger.participantId, ledger.period, field, 'must be an id');
}

export function requireInstant(ledger: OpenPayLedger, field: string, value: unknown): void {
  if (!isUtcInstant(value)) throw ledgerErrors.invalidDetails(ledger.participantId, ledger.period, field, 'must be a UTC ISO-8601 instant');
}

export function requireText(ledger: OpenPayLedger, field: string, value: unknown): void {
  if (typeof value !== 'string' || value.trim() === '' || value.length > 500)
    throw ledgerErrors.invalidDetails(ledger.participantId, ledger.period, field, 'must be a sentence of 1 to 500 characters');
}

/** Cash in the ledger's currency (the first cash amount fixes it), or a credit; `sign` says which amounts may appear. */
export function requireAmount(ledger: OpenPayLedger, field: string, amount: PayAmount, sign: 'positive' | 'non-negative' | 'non-zero', currency = ledger.currency): void {
  if (!isMoney(amount) && !isCredit(amount))
    throw ledgerErrors.invalidDetails(ledger.participantId, ledger.period, field, 'must be cash ({ amountMinor, currency }) or a credit ({ creditUnit, quantity })');
  if (isMoney(amount) && currency !== null && amount.currency !== currency) throw ledgerErrors.currencyMismatch(ledger.participantId, ledger.period, currency, amount.currency);
  const quantity = isMoney(amount) ? amount.amountMinor : amount.quantity;
  const fine = sign === 'positive' ? quantity > 0 : sign === 'non-negative' ? quantity >= 0 : quantity !== 0;
  if (!fine) throw ledgerErrors.invalidDetails(ledger.participantId, ledger.period, field, `must be ${sign.replace('-', ' ')}`);
}

/** Two amounts are the same kind when both are cash of one currency or both credits of one unit. */
export const sameKind = (a: PayAmount, b: PayAmount): boolean => (isMoney(a) && isMoney(b) && a.currency === b.currency) || (isCredit(a) && isCredit(b) && a.creditUnit === b.creditUnit);
