import { Map as PersistentMap } from 'immutable';
import type { PayAmount } from '../money/credit';
import type { AccrualRecorded, PayAdjusted, PayClawedBack, StatementIssued } from './ledger.events';

export type LedgerAccrual = AccrualRecorded['data'] & {
  /** Taken back so far (minor units or credit quantity). */
  clawedBack: number;
  statementId: string | null;
};
export type LedgerAdjustment = PayAdjusted['data'] & { statementId: string | null };
export type LedgerClawback = PayClawedBack['data'] & { statementId: string | null };
export interface LedgerHold {
  holdId: string;
  parcelId: string;
  active: boolean;
}

export type LedgerStatement = Pick<StatementIssued['data'], 'statementId' | 'cashTotal' | 'creditTotals' | 'approvalsRequired'> & {
  status: 'issued' | 'approved' | 'settled';
  approvers: string[];
  paymentReference: string | null;
};

export type PayLedger =
  | { status: 'empty' }
  | {
      status: 'open';
      participantId: string;
      period: string;
      /** Fixed by the first cash amount: a ledger is paid in one currency. */
      currency: string | null;
      /**
       * The one collection that grows with every delivery (thousands a month for a coordinator): a
       * persistent map, so an event adds or replaces one accrual in O(log n) and shares the rest with
       * the state before it, where copying a plain object per event cost O(n) (2.6 ms at 4,000).
       */
      accruals: PersistentMap<string, LedgerAccrual>;
      adjustments: Record<string, LedgerAdjustment>;
      clawbacks: Record<string, LedgerClawback>;
      holds: Record<string, LedgerHold>;
      statements: Record<string, LedgerStatement>;
    };

export type OpenPayLedger = Extract<PayLedger, { status: 'open' }>;

export const initialState = (): PayLedger => ({ status: 'empty' });

export const openLedger = (participantId: string, period: string): OpenPayLedger => ({
  status: 'open',
  participantId,
  period,
  currency: null,
  accruals: PersistentMap(),
  adjustments: {},
  clawbacks: {},
  holds: {},
  statements: {},
});

/** The active holds on a parcel, by id. */
export const activeHoldsOn = (ledger: OpenPayLedger, parcelId: string | null): string[] =>
  parcelId === null
    ? []
    : Object.values(ledger.holds)
        .filter((hold) => hold.active && hold.parcelId === parcelId)
        .map((hold) => hold.holdId);

export const isHeld = (ledger: OpenPayLedger, accrual: LedgerAccrual): boolean => activeHoldsOn(ledger, accrual.parcelId).length > 0;

/** The statement issued and not yet settled, if any: only one at a time. */
export const openStatement = (ledger: OpenPayLedger): LedgerStatement | null => Object.values(ledger.statements).find((statement) => statement.status !== 'settled') ?? null;

export const quantityOf = (amount: PayAmount): number => ('amountMinor' in amount ? amount.amountMinor : amount.quantity);
