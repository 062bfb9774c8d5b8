import { deciderSpecification } from '@handoff/testing';
import { line, usd } from '../pay.fixtures';
import { hubRetainerDecider, type PriceHubRetainer } from './hub-retainer';

const { given } = deciderSpecification(hubRetainerDecider);
const posting = {
  participantId: 'coord-1',
  period: '2025-03',
  sourceEventId: 'retainer-2025-03',
  parcelId: null,
  work: { capacity: 'coordinator' as const, hubId: 'city-hub', routeId: null },
  lines: [line('monthly-retainer', usd(32_000))],
  accruedAt: '2025-03-04T09:00:00.000Z',
};
const price = (sourceEventId: string): PriceHubRetainer => ({ type: 'PriceHubRetainer', hubId: 'city-hub', period: '2025-03', sourceEventId, posting, pricedAt: '2025-03-04T09:00:01.000Z' });

describe("a hub's monthly retainer", () => {
  it('is priced by the first intake of the month and by none after it', () => {
    const priced = { type: 'CoordinatorRetainerPriced' as const, data: { hubId: 'city-hub', period: '2025-03', sourceEventId: 'received-1', posting, pricedAt: '2025-03-04T09:00:01.000Z' } };
    given([]).when(price('received-1')).then([priced]);
    given([priced]).when(price('received-2')).thenNothing();
  });
});
