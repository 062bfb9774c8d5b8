import type { Credit } from '../money/credit';
import type { Money } from '../money/money';

/**
 * Who is paid cash per delivery: a paid courier (a walker, a driver), a gig driver, or a hub that
 * delivers its own parcels (the rural hub). Volunteers are not here on purpose: they earn credits
 * (`volunteerCredits`), never cash, and a rate card that tries otherwise is refused.
 */
export type CashPayClass = 'paid-courier' | 'gig-courier' | 'hub';

export const CASH_PAY_CLASSES: readonly CashPayClass[] = ['paid-courier', 'gig-courier', 'hub'];

/** A stated window during which deliveries pay more: `[from, until)`, at the hubs named (none named: every hub). */
export interface SurgeWindow {
  windowId: string;
  from: string;
  until: string;
  hubIds: string[];
  /** 10,000 is 1×; 15,000 pays one and a half times the per-delivery rate. At least 10,000. */
  multiplierBasisPoints: number;
}

/** A coordinator's pay: a retainer per month, a fee per parcel their hub handles, a bonus per parcel delivered before noon. */
export interface CoordinatorRates {
  monthlyRetainer: Money;
  handlingFeePerParcel: Money;
  beforeNoonBonusPerParcel: Money;
}

/** The least a participant earns for a loop (or a shift): deliveries that paid less are topped up to it. */
export interface DeadMileGuarantee {
  per: 'loop' | 'shift';
  minimum: Money;
  payClasses: CashPayClass[];
}

/** What a volunteer earns, in non-cash units: per shift worked (a $5 gas card), per delivery (a priority slot). */
export interface VolunteerCredits {
  perShift: Credit[];
  perDelivery: Credit[];
}

/** The contents of one rate card version. Every amount of cash is in `currency`. */
export interface RateCardRates {
  currency: string;
  perDelivery: Partial<Record<CashPayClass, Money>>;
  coordinator: CoordinatorRates | null;
  deadMileGuarantee: DeadMileGuarantee | null;
  surgeWindows: SurgeWindow[];
  /** Roles paid by the hour from recorded shifts (`dispatcher`: $18/h). */
  hourlyRoles: Record<string, Money>;
  volunteerCredits: VolunteerCredits;
}
