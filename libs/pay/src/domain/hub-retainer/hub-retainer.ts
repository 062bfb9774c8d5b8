import type { Decider, DomainEvent } from '@handoff/kernel';
import type { PayPosting } from '../parcel-pay/parcel-pay.events';

/**
 * Stream `payretainer-<hubId>-<yyyy-mm>`: whether a hub's coordinator has been granted this month's
 * retainer. The first intake of the month prices it (by the card in effect when the month began);
 * every later intake finds it done here, in a one-event stream, instead of asking the
 * coordinator's ledger, which grows all month. The ledger itself records it once per coordinator
 * and month (its line id is `retainer-<yyyy-mm>/monthly-retainer`).
 */
export type CoordinatorRetainerPriced = DomainEvent<'CoordinatorRetainerPriced', { hubId: string; period: string; sourceEventId: string; posting: PayPosting | null; pricedAt: string }>;

export type HubRetainerEvent = CoordinatorRetainerPriced;

export const hubRetainerEventSchemaVersions = { CoordinatorRetainerPriced: 1 } as const satisfies Record<HubRetainerEvent['type'], number>;

/** Prices the month's retainer once: `posting` null when the hub has no coordinator or no card gives one. */
export interface PriceHubRetainer {
  type: 'PriceHubRetainer';
  hubId: string;
  period: string;
  sourceEventId: string;
  posting: PayPosting | null;
  pricedAt: string;
}

export type HubRetainerMonth = { priced: false } | { priced: true; sourceEventId: string };

export const hubRetainerDecider: Decider<PriceHubRetainer, HubRetainerMonth, HubRetainerEvent> = {
  initialState: () => ({ priced: false }),
  decide: (command, state) => {
    if (state.priced) return [];
    const { hubId, period, sourceEventId, posting, pricedAt } = command;
    return [{ type: 'CoordinatorRetainerPriced', data: { hubId, period, sourceEventId, posting, pricedAt } }];
  },
  evolve: (_state, event) => ({ priced: true, sourceEventId: event.data.sourceEventId }),
};
