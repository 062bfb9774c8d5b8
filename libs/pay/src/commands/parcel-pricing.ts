import { DomainError } from '@handoff/kernel';
import { accrualErrors } from '../domain/accrual/accrual.errors';
import { deliveryAccruals, monthlyRetainer } from '../domain/accrual/accrual.calculator';
import type { DeliveryPayee } from '../domain/accrual/accrual.facts';
import type { AccrualLine, AccrualWork, PayCapacity, PayRule } from '../domain/accrual/accrual.lines';
import type { PayPosting, UnpricedPay } from '../domain/parcel-pay/parcel-pay.events';
import type { RateCardVersion } from '../domain/rate-card/rate-card.state';
import { payPeriodOf } from '../domain/shared/time';

/** A payee of one source event, resolved at the edge: who, in which capacity, priced how. */
export interface ResolvedPayee {
  participantId: string;
  payee: DeliveryPayee;
  capacity: PayCapacity;
  /** Only these rules of the payee's lines are paid by this event (a coordinator's fee at intake, their bonus at delivery). */
  rules: readonly PayRule[] | 'all';
}

export interface PricingInput {
  parcelId: string;
  sourceEventId: string;
  at: string;
  hubId: string | null;
  routeId: string | null;
  beforeNoon: boolean;
  card: RateCardVersion | null;
}

/** What one source event pays each payee, and who could not be priced and why (kept on the record, never dropped silently). */
export function priceParcelEvent(input: PricingInput, payees: ResolvedPayee[]): { postings: PayPosting[]; unpriced: UnpricedPay[] } {
  const postings: PayPosting[] = [];
  const unpriced: UnpricedPay[] = [];
  const { card } = input;
  for (const resolved of payees) {
    if (!card) {
      const refusal = accrualErrors.noRateCard(input.hubId ? `hub ${input.hubId} or the parcel's collective` : "the parcel's collective", input.at, input.sourceEventId);
      unpriced.push({ participantId: resolved.participantId, code: refusal.code, reason: refusal.message });
      continue;
    }
    try {
      const fact = { sourceEventId: input.sourceEventId, parcelId: input.parcelId, hubId: input.hubId, deliveredAt: input.at, beforeNoon: input.beforeNoon, payee: resolved.payee };
      const lines = deliveryAccruals(card, fact).filter((line) => resolved.rules === 'all' || resolved.rules.includes(line.rule));
      if (lines.length > 0) postings.push(postingOf(input, resolved.participantId, resolved.capacity, input.sourceEventId, input.parcelId, lines));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      unpriced.push({ participantId: resolved.participantId, code: error.code, reason: error.message });
    }
  }
  return { postings, unpriced };
}

/**
 * A coordinator's retainer for the month of `input.at` under `input.card` (the version in effect
 * when the month began), posted beside every fee of the month and recorded by the first.
 * Its source is the month (`retainer-<yyyy-mm>`), not the event, so the ledger holds it once per
 * coordinator and month however many parcels their hubs take in.
 */
export function retainerPosting(input: PricingInput, coordinatorId: string): PayPosting | null {
  if (!input.card) return null;
  const lines = monthlyRetainer(input.card);
  return lines.length === 0 ? null : postingOf(input, coordinatorId, 'coordinator', `retainer-${payPeriodOf(input.at)}`, null, lines);
}

function postingOf(input: PricingInput, participantId: string, capacity: PayCapacity, sourceEventId: string, parcelId: string | null, lines: AccrualLine[]): PayPosting {
  const work: AccrualWork = { capacity, hubId: input.hubId, routeId: parcelId === null ? null : input.routeId };
  return { participantId, period: payPeriodOf(input.at), sourceEventId, parcelId, work, lines, accruedAt: input.at };
}
