import fc from 'fast-check';
import { DomainError } from '@handoff/kernel';
import type { SurgeCommand } from './surge.commands';
import { surgeDecider } from './surge.decider';
import type { SurgeEvent } from './surge.events';
import { claim, declare, decline, LAPSE_MS, offer, release, sweep } from './surge.fixtures';

type Step = { kind: 'offer' | 'claim' | 'decline' | 'release' | 'sweep' | 'release-unoffered'; parcel: number; block: 'b-north' | 'b-south'; advance: number; sorter: boolean };

const step = fc.record({
  kind: fc.constantFrom('offer', 'offer', 'claim', 'decline', 'release', 'sweep', 'release-unoffered'),
  parcel: fc.integer({ min: 1, max: 5 }),
  block: fc.constantFrom('b-north', 'b-south'),
  // Minutes, with the lapse time (15) and its neighbours often, so boundaries are hit exactly.
  advance: fc.constantFrom(0, 1, 5, 14, 15, 16),
  sorter: fc.boolean(),
}) as fc.Arbitrary<Step>;

/** The command of a step, at `minutes` into the window, for parcel n (offer id `offer-<n>`). */
function commandOf(s: Step, minutes: number): SurgeCommand {
  switch (s.kind) {
    case 'offer':
      return offer(s.parcel, minutes, { blockId: s.block, sorter: s.sorter ? { participantId: 'vol-ana', shiftId: 'shift-ana-1' } : null });
    case 'claim':
      return claim(s.parcel, minutes);
    case 'decline':
      return decline(s.parcel, minutes);
    case 'release':
    case 'release-unoffered':
      return release(s.parcel, minutes, { blockId: s.block, sorter: s.sorter ? { participantId: 'vol-ana', shiftId: 'shift-ana-1' } : null });
    case 'sweep':
      return sweep(minutes);
  }
}

/** Runs the steps as the dispatcher would (refusals append nothing), returning what was recorded. */
function run(steps: Step[], limit: number): SurgeEvent[] {
  let state = surgeDecider.evolve(surgeDecider.initialState(), surgeDecider.decide(declare({ offerLimitPerBlock: limit }), surgeDecider.initialState())[0]!);
  const events: SurgeEvent[] = [];
  let minutes = 0;
  for (const s of steps) {
    minutes += s.advance;
    try {
      const decided = surgeDecider.decide(commandOf(s, minutes), state);
      state = decided.reduce(surgeDecider.evolve, state);
      events.push(...decided);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
  }
  return events;
}

describe('surge first refusal, for any sequence of offers, claims, declines, sweeps and releases', () => {
  it('keeps every rule at once: the limit, one outcome per offer, lapses once and in time order, gig only after first refusal', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), fc.integer({ min: 1, max: 5 }), (steps, limit) => {
        const events = run(steps, limit);
        const offers = new Map<string, { block: string; lapsesAt: number; outcomes: string[] }>();
        let lastLapse = -Infinity;
        const perBlock = new Map<string, number>();
        const released = new Set<string>();
        for (const event of events) {
          switch (event.type) {
            case 'SurgeDeliveryOffered':
              offers.set(event.data.offerId, { block: event.data.blockId, lapsesAt: Date.parse(event.data.lapsesAt), outcomes: [] });
              perBlock.set(event.data.blockId, (perBlock.get(event.data.blockId) ?? 0) + 1);
              expect(event.data.offerNumber).toBe(perBlock.get(event.data.blockId));
              expect(Date.parse(event.data.lapsesAt) - Date.parse(event.data.offeredAt)).toBe(LAPSE_MS);
              break;
            case 'SurgeDeliveryClaimed':
              offers.get(event.data.offerId)!.outcomes.push('claimed');
              expect(Date.parse(event.data.claimedAt)).toBeLessThan(offers.get(event.data.offerId)!.lapsesAt);
              break;
            case 'SurgeOfferDeclined':
              offers.get(event.data.offerId)!.outcomes.push('declined');
              expect(Date.parse(event.data.declinedAt)).toBeLessThan(offers.get(event.data.offerId)!.lapsesAt);
              break;
            case 'SurgeOfferLapsed':
              offers.get(event.data.offerId)!.outcomes.push('lapsed');
              expect(Date.parse(event.data.lapsedAt)).toBe(offers.get(event.data.offerId)!.lapsesAt);
              expect(Date.parse(event.data.recordedAt)).toBeGreaterThanOrEqual(Date.parse(event.data.lapsedAt));
              expect(Date.parse(event.data.lapsedAt)).toBeGreaterThanOrEqual(lastLapse);
              lastLapse = Date.parse(event.data.lapsedAt);
              break;
            case 'SurgeDeliveryReleasedToGig': {
              expect(released.has(event.data.parcelId)).toBe(false);
              released.add(event.data.parcelId);
              if (event.data.offerId === null) {
                expect(['no-sorter', 'limit-reached']).toContain(event.data.reason);
                if (event.data.reason === 'limit-reached') expect(perBlock.get(event.data.blockId)).toBe(limit);
              } else {
                const outcomes = offers.get(event.data.offerId)!.outcomes;
                expect(outcomes).toEqual([event.data.reason]);
              }
              break;
            }
            case 'SurgeWindowDeclared':
              throw new Error('declared once, before the steps');
          }
        }
        for (const [, count] of perBlock) expect(count).toBeLessThanOrEqual(limit);
        for (const [, offered] of offers) expect(offered.outcomes.length).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });
});
