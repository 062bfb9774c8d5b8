import { update as applyUpdate } from 'mingo';
import type { RecordedEnvelope } from '@handoff/eventstore';
import { project, type ProjectionDefinition } from '@handoff/projections';
import { admin, at, DAY, HOUR, volunteer } from '../domain/shared/roster.fixtures';
import { anaSorts, cancelShift, changeShift, publish, recordWorked, rosterEvents } from '../domain/shift/roster.fixtures';
import { claim, declare, decline, offer, release, surgeEvents, sweep } from '../domain/surge/surge.fixtures';
import { BROKEN_PROMISES, ROSTER_SHIFTS, rosterBoardProjection, weekOf } from './roster-board/roster-board.projection';
import { SURGE_DELIVERIES, SURGE_WINDOWS, surgeOffersProjection } from './surge-offers/surge-offers.projection';

/** Every document the projection's changes make, by `<collection>:<id>`, the events applied `rounds` times over (a replay after a crash). */
function fold(projection: ProjectionDefinition<any>, events: Array<{ type: string; data: object }>, rounds = 1): Record<string, Record<string, unknown>> {
  const documents: Record<string, Record<string, unknown>> = {};
  for (let round = 0; round < rounds; round++) {
    events.forEach((event, revision) => {
      const envelope = { ...event, streamName: 'roster-hub-mill', revision: BigInt(revision) } as unknown as RecordedEnvelope;
      for (const change of project(projection, envelope)) {
        const key = `${change.collection}:${change.id}`;
        if (change.kind === 'update' && !documents[key]) continue;
        if (change.kind !== 'upsert' && change.kind !== 'update') throw new Error(`unexpected ${change.kind}`);
        documents[key] ??= { _id: change.id };
        applyUpdate(documents[key], change.update as never);
      }
    });
  }
  return documents;
}

const { shiftId: _id, ...benTerms } = anaSorts({ participantId: 'vol-ben' });
const rosterHistory = rosterEvents(
  publish([anaSorts(), anaSorts({ shiftId: 'shift-ana-2', startsAt: at(9 * DAY + 8 * HOUR), endsAt: at(9 * DAY + 12 * HOUR) })]),
  changeShift({ to: benTerms, participant: volunteer('vol-ben') }),
  cancelShift({ shiftId: 'shift-ana-2', actor: admin, now: at(3 * DAY) }),
  recordWorked({ participantId: 'vol-ben', participant: volunteer('vol-ben') }),
  recordWorked({ shiftId: 'h-1', participantId: 'disp-1', participant: { participantId: 'disp-1', kind: 'coordinator', suspended: false }, work: { kind: 'hourly', role: 'dispatcher' } }),
);

describe('roster board read model', () => {
  it('keeps each rostered shift with its week, current terms, cancellation and work; hourly shifts are not on it', () => {
    const documents = fold(rosterBoardProjection, rosterHistory);
    expect(documents[`${ROSTER_SHIFTS}:hub-mill/shift-ana-1`]).toMatchObject({
      participantId: 'vol-ben',
      weekOf: '2025-03-10',
      status: 'published',
      publishedBy: 'coord-1',
      lastChangedAt: at(2 * DAY),
      worked: { startedAt: at(7 * DAY + 8 * HOUR) },
    });
    expect(documents[`${ROSTER_SHIFTS}:hub-mill/shift-ana-2`]).toMatchObject({ status: 'cancelled', weekOf: '2025-03-10' });
    expect(Object.keys(documents).filter((key) => key.includes('h-1'))).toEqual([]);
  });

  it('keeps one document per broken promise, marked late when it was', () => {
    const promises = Object.entries(fold(rosterBoardProjection, rosterHistory)).filter(([key]) => key.startsWith(`${BROKEN_PROMISES}:`));
    expect(promises.map(([, promise]) => [promise.shiftId, promise.change, promise.brokenBy, promise.late])).toEqual([
      ['shift-ana-1', 'changed', 'coord-1', true],
      ['shift-ana-2', 'cancelled', 'admin-1', false],
    ]);
  });

  it('is the same when every event is applied twice', () => {
    expect(fold(rosterBoardProjection, rosterHistory, 2)).toEqual(fold(rosterBoardProjection, rosterHistory));
  });

  it('files a shift under the Monday of its week, in UTC', () => {
    expect(weekOf('2025-03-10T00:00:00.000Z')).toBe('2025-03-10');
    expect(weekOf('2025-03-16T23:59:59.999Z')).toBe('2025-03-10');
    expect(weekOf('2025-03-17T00:00:00.000Z')).toBe('2025-03-17');
  });
});

describe('surge offers read model', () => {
  const history = surgeEvents(declare(), offer(1, 0), claim(1, 2), offer(2, 3), decline(2, 4), release(2, 5), offer(3, 6), sweep(30), release(3, 31), release(4, 32, { sorter: null }));

  it('keeps one document per window and per parcel, with the offer, its outcome and any gig release', () => {
    const documents = fold(surgeOffersProjection, history);
    expect(documents[`${SURGE_WINDOWS}:surge-1`]).toMatchObject({ hubId: 'hub-mill', offerLimitPerBlock: 5 });
    expect(documents[`${SURGE_DELIVERIES}:surge-1/p-1`]).toMatchObject({ offerId: 'offer-1', volunteerId: 'vol-ana', outcome: 'claimed', offerNumber: 1 });
    expect(documents[`${SURGE_DELIVERIES}:surge-1/p-2`]).toMatchObject({ outcome: 'declined', gig: { reason: 'declined' } });
    expect(documents[`${SURGE_DELIVERIES}:surge-1/p-3`]).toMatchObject({ outcome: 'lapsed', gig: { reason: 'lapsed' } });
    expect(documents[`${SURGE_DELIVERIES}:surge-1/p-4`]).toMatchObject({ blockId: 'b-north', gig: { reason: 'no-sorter' } });
    expect(documents[`${SURGE_DELIVERIES}:surge-1/p-4`]).not.toHaveProperty('offerId');
  });

  it('is the same when every event is applied twice', () => {
    expect(fold(surgeOffersProjection, history, 2)).toEqual(fold(surgeOffersProjection, history));
  });
});
