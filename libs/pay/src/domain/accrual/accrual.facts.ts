import type { CashPayClass } from '../rate-card/rate-card.rates';
import type { AccrualLine } from './accrual.lines';

/**
 * The facts the calculator prices, as the accrual reaction resolves them from custody's events
 * and the participants' profiles. Local-time questions (was it before noon at the hub?) and
 * identities are answered at the edge; the calculator only applies the rate card.
 */

/** Who a delivery pays, and in which capacity: the carrier (by engagement), a delivering hub, or the coordinator of the hub it passed through. */
export type DeliveryPayee = { participantId: string; as: 'courier'; engagement: 'paid' | 'gig' | 'volunteer' } | { participantId: string; as: 'hub' } | { participantId: string; as: 'coordinator' };

export interface DeliveryFact {
  /** The custody event that recorded the delivery: every line names it. */
  sourceEventId: string;
  parcelId: string;
  /** The hub the parcel went through, if any: surge windows and coordinators are per hub. */
  hubId: string | null;
  deliveredAt: string;
  /** Delivered before noon in the hub's local time (resolved at the edge). */
  beforeNoon: boolean;
  payee: DeliveryPayee;
}

/** A recorded shift: an hourly role (a dispatcher), or a volunteer's shift. */
export interface ShiftFact {
  sourceEventId: string;
  shiftId: string;
  participantId: string;
  work: { kind: 'hourly'; role: string } | { kind: 'volunteer' };
  startedAt: string;
  endedAt: string;
}

/** The end of a loop or shift of a cash participant, with what it earned (delivery and surge lines). */
export interface RunEndFact {
  sourceEventId: string;
  participantId: string;
  run: 'loop' | 'shift';
  runId: string;
  payClass: CashPayClass;
  earnedLines: AccrualLine[];
  endedAt: string;
}
