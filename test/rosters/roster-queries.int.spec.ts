/**
 * The rosters questions end to end below HTTP: events the roster and surge deciders record are
 * appended to the embedded event store, projected by the real runtime into the embedded
 * MongoDB-compatible server, and read back through RosterQueries, with who may read what.
 */
import { ReadModels, type ProjectionRuntime } from '@handoff/projections';
import { RosterQueries, rosterProjections } from '@handoff/rosters';
import { admin, at, DAY, HOUR, volunteer } from '@handoff/rosters/domain/shared/roster.fixtures';
import { anaSorts, cancelShift, changeShift, publish, recordWorked, rosterEvents } from '@handoff/rosters/domain/shift/roster.fixtures';
import { claim, declare, decline, offer, release, surgeEvents, sweep } from '@handoff/rosters/domain/surge/surge.fixtures';
import { appendEvents, ReadSide, startReadSide } from '../projections/support/read-side.fixture';
import { runtimeOn, waitForCheckpoint } from '../projections/runtime-support';

jest.setTimeout(60_000);

const asAdmin = { role: 'admin', participantId: 'admin-1' };
const asAuditor = { role: 'auditor', participantId: 'audit-1' };
const asCoordinator = { role: 'coordinator', participantId: 'coord-1', hubId: 'hub-mill' };
const asOtherCoordinator = { role: 'coordinator', participantId: 'coord-2', hubId: 'hub-canal' };

describe('rosters read models over the embedded servers', () => {
  let side: ReadSide;
  let runtime: ProjectionRuntime;
  let queries: RosterQueries;

  beforeAll(async () => {
    side = await startReadSide('roster_queries');
    runtime = runtimeOn(side, rosterProjections);
    runtime.start();
    queries = new RosterQueries(new ReadModels(side.db));
    const { shiftId: _id, ...benTerms } = anaSorts({ participantId: 'vol-ben' });
    const roster = rosterEvents(
      publish([
        anaSorts(),
        anaSorts({ shiftId: 'shift-ana-2', startsAt: at(9 * DAY + 8 * HOUR), endsAt: at(9 * DAY + 12 * HOUR) }),
        anaSorts({ shiftId: 'next-week', startsAt: at(14 * DAY), endsAt: at(14 * DAY + HOUR) }),
      ]),
      changeShift({ to: benTerms, participant: volunteer('vol-ben') }),
      cancelShift({ shiftId: 'shift-ana-2', actor: admin, now: at(2 * DAY) }),
      recordWorked({ participantId: 'vol-ben', participant: volunteer('vol-ben') }),
    );
    const surge = surgeEvents(declare(), offer(1, 0), claim(1, 2), offer(2, 3), decline(2, 4), release(2, 5), offer(3, 6), sweep(30), release(3, 31), release(4, 32, { sorter: null }), offer(5, 40));
    const [rosterAt, surgeAt] = [
      await appendEvents(
        side.client,
        roster.map((event) => ({ stream: 'roster-hub-mill', type: event.type, data: event.data as never })),
      ),
      await appendEvents(
        side.client,
        surge.map((event) => ({ stream: 'surge-surge-1', type: event.type, data: event.data as never })),
      ),
    ];
    await Promise.all([waitForCheckpoint(side.db, 'roster-board', rosterAt, 15_000), waitForCheckpoint(side.db, 'surge-offers', surgeAt, 15_000)]);
  });

  afterAll(async () => {
    await runtime?.stop();
    await side?.dispose();
  });

  it("answers a hub's roster for the week any day falls in, with changes, cancellations and work", async () => {
    const week = await queries.rosterWeek(asCoordinator, 'hub-mill', '2025-03-12');
    expect(week.weekOf).toBe('2025-03-10');
    expect(week.shifts.map((shift) => [shift.shiftId, shift.participantId, shift.status, shift.worked?.endedAt ?? null])).toEqual([
      ['shift-ana-1', 'vol-ben', 'published', at(7 * DAY + 12 * HOUR)],
      ['shift-ana-2', 'vol-ana', 'cancelled', null],
    ]);
    expect((await queries.rosterWeek(asAuditor, 'hub-mill', '2025-03-17')).shifts.map((shift) => shift.shiftId)).toEqual(['next-week']);
    expect((await queries.rosterWeek(asAdmin, 'hub-mill', '2025-03-03')).shifts).toEqual([]);
    await expect(queries.rosterWeek(asOtherCoordinator, 'hub-mill', '2025-03-12')).rejects.toMatchObject({ code: 'ROSTER.NOT_HUB_COORDINATOR' });
  });

  it('tallies broken promises per hub and per coordinator who published, late ones apart', async () => {
    const ofHub = await queries.brokenPromisesOfHub(asCoordinator, 'hub-mill');
    expect(ofHub.tally).toEqual({ broken: 2, late: 1, totalLateByMs: 16 * HOUR });
    expect(ofHub.byCoordinator).toEqual([{ coordinatorId: 'coord-1', broken: 2, late: 1, totalLateByMs: 16 * HOUR }]);
    expect(ofHub.promises.map((promise) => [promise.shiftId, promise.change, promise.brokenBy, promise.reason])).toEqual([
      ['shift-ana-1', 'changed', 'coord-1', 'volunteer-unavailable'],
      ['shift-ana-2', 'cancelled', 'admin-1', 'hub-closed'],
    ]);
    const ofCoordinator = await queries.brokenPromisesOfCoordinator(asCoordinator, 'coord-1');
    expect(ofCoordinator.byHub).toEqual([{ hubId: 'hub-mill', broken: 2, late: 1, totalLateByMs: 16 * HOUR }]);
    expect((await queries.brokenPromisesOfCoordinator(asAdmin, 'coord-9')).tally).toEqual({ broken: 0, late: 0, totalLateByMs: 0 });
    await expect(queries.brokenPromisesOfCoordinator(asOtherCoordinator, 'coord-1')).rejects.toMatchObject({ code: 'ROSTER.NOT_OWN_RECORD' });
    await expect(queries.brokenPromisesOfHub(asOtherCoordinator, 'hub-mill')).rejects.toMatchObject({ code: 'ROSTER.NOT_HUB_COORDINATOR' });
  });

  it("reports a surge window's offers, claims, declines, lapses and gig releases per block", async () => {
    const report = await queries.surgeReport(asAuditor, 'hub-mill', 'surge-1');
    expect(report).toMatchObject({ windowId: 'surge-1', hubId: 'hub-mill', offerLimitPerBlock: 5 });
    expect(report.blocks).toEqual([{ blockId: 'b-north', offered: 4, claimed: 1, declined: 1, lapsed: 1, open: 1, releasedToGig: { declined: 1, lapsed: 1, 'limit-reached': 0, 'no-sorter': 1 } }]);
    expect(report.deliveries.map((delivery) => [delivery.parcelId, delivery.outcome ?? null, delivery.gig?.reason ?? null])).toEqual([
      ['p-4', null, 'no-sorter'],
      ['p-1', 'claimed', null],
      ['p-2', 'declined', 'declined'],
      ['p-3', 'lapsed', 'lapsed'],
      ['p-5', 'open', null],
    ]);
    await expect(queries.surgeReport(asAdmin, 'hub-canal', 'surge-1')).rejects.toMatchObject({ code: 'SURGE.WINDOW_NOT_FOUND' });
    await expect(queries.surgeReport(asOtherCoordinator, 'hub-mill', 'surge-1')).rejects.toMatchObject({ code: 'ROSTER.NOT_HUB_COORDINATOR' });
  });
});
