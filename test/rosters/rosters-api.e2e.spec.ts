import { rosterProjections } from '@handoff/rosters';
import { FixedClock } from '@handoff/shared';
import { CustodyApi, startCustodyApi } from '../custody/support/custody-api.fixture';
import { eventually } from '../support/eventually';

jest.setTimeout(60_000);

const address = { lines: ['4 Canal Street'], locality: 'Todmorden', postalCode: 'OL14 5AA', countryCode: 'GB' };
const sorter = (shiftId: string, participantId: string, blockId: string, startsAt: string, endsAt: string) => ({ shiftId, participantId, role: 'sorter', blockId, startsAt, endsAt });
const problem = /^application\/problem\+json/;

describe('rosters API over HTTP (embedded servers): rosters, broken promises, surge first refusal', () => {
  const clock = new FixedClock('2025-03-01T09:00:00.000Z');
  let api: CustodyApi;
  const keys: Record<string, string> = {};
  const as = (who: string) => ({
    post: (path: string, body: unknown = {}) => api.call('POST', path, { key: keys[who], body }),
    get: (path: string) => api.call('GET', path, { key: keys[who] }),
  });
  /** Read models lag the commands: ask again until the answer holds. */
  const readUntil = async (who: string, path: string, holds: (body: any) => boolean) => {
    let last: any;
    await eventually(`${path} to answer`, async () => holds((last = (await as(who).get(path)).body)), 10_000, 50);
    return last;
  };

  beforeAll(async () => {
    api = await startCustodyApi({ clock, projections: rosterProjections });
    keys.admin = api.adminKey;
    const admin = as('admin');
    for (const [path, body] of [
      ['/coordinators', { participantId: 'coord-1', displayName: 'Ruth at Mill Hub' }],
      ['/coordinators', { participantId: 'coord-2', displayName: 'Omar at Canal Hub' }],
      ['/couriers', { participantId: 'vol-ana', displayName: 'Ana', engagement: { kind: 'volunteer' }, vetting: 'unvetted' }],
      ['/couriers', { participantId: 'vol-ben', displayName: 'Ben', engagement: { kind: 'volunteer' }, vetting: 'unvetted' }],
      ['/coordinators', { participantId: 'disp-1', displayName: 'Dee, dispatcher' }],
      ['/hubs', { participantId: 'hub-1', displayName: 'Mill Hub', address, operatingCoordinatorId: 'coord-1', perCycleCap: 55 }],
      ['/hubs', { participantId: 'hub-2', displayName: 'Canal Hub', address, operatingCoordinatorId: 'coord-2', perCycleCap: 55 }],
    ] as const) {
      expect((await admin.post(path, body)).status).toBe(201);
    }
    Object.assign(
      keys,
      await api.issueKeys({
        coordinator: { role: 'coordinator', participantId: 'coord-1', hubId: 'hub-1' },
        'other-coordinator': { role: 'coordinator', participantId: 'coord-2', hubId: 'hub-2' },
        ana: { role: 'courier', participantId: 'vol-ana' },
        ben: { role: 'courier', participantId: 'vol-ben' },
        auditor: { role: 'auditor', participantId: 'audit-1' },
      }),
    );
  });

  afterAll(async () => {
    await api?.dispose();
  });

  it("publishes the hub's roster with at least 6 days' notice, for its own coordinator only", async () => {
    const shifts = [
      sorter('sat-north', 'vol-ana', 'b-north', '2025-03-08T08:00:00Z', '2025-03-08T12:00:00Z'),
      sorter('sat-south', 'vol-ben', 'b-south', '2025-03-08T08:00:00Z', '2025-03-08T12:00:00Z'),
      sorter('fri-west', 'vol-ben', 'b-west', '2025-03-07T09:00:00Z', '2025-03-07T12:00:00Z'),
    ];
    const tooSoon = await as('coordinator').post('/hubs/hub-1/roster/shifts', { shifts: [sorter('fri-early', 'vol-ben', 'b-west', '2025-03-07T08:59:59Z', '2025-03-07T12:00:00Z')] });
    expect(tooSoon.status).toBe(422);
    expect(tooSoon.headers.get('content-type')).toMatch(problem);
    expect(tooSoon.body).toMatchObject({ code: 'ROSTER.NOTICE_TOO_SHORT' });
    expect((await as('other-coordinator').post('/hubs/hub-1/roster/shifts', { shifts })).body).toMatchObject({ status: 403, code: 'ROSTER.NOT_HUB_COORDINATOR' });
    expect((await as('ana').post('/hubs/hub-1/roster/shifts', { shifts })).body).toMatchObject({ status: 403, code: 'AUTH.ROLE_NOT_ALLOWED' });
    expect((await as('coordinator').post('/hubs/hub-1/roster/shifts', { shifts: [{ ...shifts[0], note: 'Ana is back from hospital' }] })).status).toBe(400);
    expect((await as('coordinator').post('/hubs/hub-1/roster/shifts', { shifts: [{ ...shifts[0], startsAt: 'Saturday' }] })).status).toBe(400);

    const published = await as('coordinator').post('/hubs/hub-1/roster/shifts', { shifts });
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ id: 'hub-1', recorded: ['RosterShiftPublished', 'RosterShiftPublished', 'RosterShiftPublished'] });
    expect((await as('coordinator').post('/hubs/hub-1/roster/shifts', { shifts })).body).toMatchObject({ recorded: [] });

    const week = await readUntil('coordinator', '/hubs/hub-1/roster?week=2025-03-05', (body) => body.shifts?.length === 3);
    expect(week).toMatchObject({ hubId: 'hub-1', weekOf: '2025-03-03' });
    expect((await as('other-coordinator').get('/hubs/hub-1/roster')).body).toMatchObject({ status: 403, code: 'ROSTER.NOT_HUB_COORDINATOR' });
    expect((await as('auditor').get('/hubs/hub-1/roster?week=March')).status).toBe(400);
  });

  it('records a late change and a cancellation as broken promises, visible per hub and per coordinator', async () => {
    clock.set('2025-03-03T09:00:00.000Z');
    const changed = await as('coordinator').post('/hubs/hub-1/roster/shifts/fri-west/change', {
      participantId: 'vol-ana',
      role: 'sorter',
      blockId: 'b-west',
      startsAt: '2025-03-07T09:00:00Z',
      endsAt: '2025-03-07T12:00:00Z',
      reason: 'volunteer-unavailable',
    });
    expect(changed.status).toBe(200);
    expect(changed.body.recorded).toEqual(['RosterShiftChanged', 'RosterPromiseBroken']);
    expect((await as('coordinator').post('/hubs/hub-1/roster/shifts/fri-west/cancel', { reason: 'she is ill' })).status).toBe(400);
    expect((await as('admin').post('/hubs/hub-1/roster/shifts/fri-west/cancel', { reason: 'hub-closed' })).body.recorded).toEqual(['RosterShiftCancelled', 'RosterPromiseBroken']);
    expect((await as('coordinator').post('/hubs/hub-1/roster/shifts/nope/cancel', { reason: 'hub-closed' })).body).toMatchObject({ status: 404, code: 'ROSTER.SHIFT_NOT_FOUND' });

    const ofHub = await readUntil('coordinator', '/hubs/hub-1/roster/broken-promises', (body) => body.tally?.broken === 2);
    // Four days' notice against six: both two days late.
    expect(ofHub.tally).toEqual({ broken: 2, late: 2, totalLateByMs: 4 * 86_400_000 });
    expect(ofHub.byCoordinator).toEqual([{ coordinatorId: 'coord-1', broken: 2, late: 2, totalLateByMs: 4 * 86_400_000 }]);
    expect(ofHub.promises.map((promise: any) => [promise.change, promise.brokenBy])).toEqual(
      expect.arrayContaining([
        ['changed', 'coord-1'],
        ['cancelled', expect.any(String)],
      ]),
    );
    expect((await as('coordinator').get('/coordinators/coord-1/broken-promises')).body.tally).toEqual({ broken: 2, late: 2, totalLateByMs: 4 * 86_400_000 });
    expect((await as('other-coordinator').get('/coordinators/coord-1/broken-promises')).body).toMatchObject({ status: 403, code: 'ROSTER.NOT_OWN_RECORD' });
  });

  it('offers surge deliveries first to the block’s sorter, up to the limit, then to gig drivers after a decline or lapse', async () => {
    clock.set('2025-03-08T08:30:00.000Z');
    const declared = await as('coordinator').post('/hubs/hub-1/surge-windows', {
      windowId: 'sat-surge',
      from: '2025-03-08T08:00:00Z',
      until: '2025-03-08T12:00:00Z',
      offerLimitPerBlock: 2,
      offerLapseMinutes: 10,
    });
    expect(declared.status).toBe(201);
    expect(declared.body).toMatchObject({ id: 'sat-surge', windowId: 'sat-surge', recorded: ['SurgeWindowDeclared'] });
    expect((await as('other-coordinator').post('/hubs/hub-1/surge-windows', { from: '2025-03-08T08:00:00Z', until: '2025-03-08T12:00:00Z' })).body).toMatchObject({ status: 403 });

    const offer = (parcelId: string, blockId = 'b-north', who = 'coordinator') => as(who).post('/surge-windows/sat-surge/offers', { offerId: `o-${parcelId}`, blockId, parcelId });
    expect((await offer('p-1')).status).toBe(201);
    expect((await offer('p-2')).status).toBe(201);
    expect((await offer('p-3')).body).toMatchObject({ status: 409, code: 'SURGE.OFFER_LIMIT_REACHED' });
    expect((await offer('p-3', 'b-north', 'other-coordinator')).body).toMatchObject({ status: 403, code: 'ROSTER.NOT_HUB_COORDINATOR' });
    expect((await offer('p-9', 'b-east')).body).toMatchObject({ status: 422, code: 'SURGE.NO_SORTER' });
    expect((await as('coordinator').post('/surge-windows/sat-surge/gig-releases', { blockId: 'b-north', parcelId: 'p-3' })).body).toMatchObject({ recorded: ['SurgeDeliveryReleasedToGig'] });

    expect((await as('ben').post('/surge-windows/sat-surge/offers/o-p-1/claim')).body).toMatchObject({ status: 404, code: 'SURGE.OFFER_NOT_FOUND' });
    expect((await as('coordinator').post('/surge-windows/sat-surge/offers/o-p-1/claim')).body).toMatchObject({ status: 403, code: 'AUTH.ROLE_NOT_ALLOWED' });
    expect((await as('ana').post('/surge-windows/sat-surge/offers/o-p-1/claim')).body).toMatchObject({ offerId: 'o-p-1', recorded: ['SurgeDeliveryClaimed'] });
    expect((await as('coordinator').post('/surge-windows/sat-surge/gig-releases', { blockId: 'b-north', parcelId: 'p-2' })).body).toMatchObject({ status: 409, code: 'SURGE.FIRST_REFUSAL_PENDING' });

    clock.set('2025-03-08T08:40:00.000Z');
    expect((await as('ana').post('/surge-windows/sat-surge/offers/o-p-2/claim')).body).toMatchObject({ status: 409, code: 'SURGE.OFFER_LAPSED' });
    expect((await as('coordinator').post('/surge-windows/sat-surge/gig-releases', { blockId: 'b-north', parcelId: 'p-2' })).body).toMatchObject({
      recorded: ['SurgeOfferLapsed', 'SurgeDeliveryReleasedToGig'],
    });
    expect((await as('coordinator').post('/surge-windows/sat-surge/lapses')).body).toMatchObject({ recorded: [] });

    expect((await offer('p-4', 'b-south')).status).toBe(201);
    expect((await as('ben').post('/surge-windows/sat-surge/offers/o-p-4/decline')).body).toMatchObject({ recorded: ['SurgeOfferDeclined'] });
    expect((await as('coordinator').post('/surge-windows/sat-surge/gig-releases', { blockId: 'b-south', parcelId: 'p-4' })).status).toBe(201);

    const report = await readUntil(
      'auditor',
      '/hubs/hub-1/surge-windows/sat-surge/report',
      (body) => body.deliveries?.length === 4 && body.deliveries.every((d: any) => d.gig || d.outcome === 'claimed'),
    );
    expect(report.blocks).toEqual([
      { blockId: 'b-north', offered: 2, claimed: 1, declined: 0, lapsed: 1, open: 0, releasedToGig: { declined: 0, lapsed: 1, 'limit-reached': 1, 'no-sorter': 0 } },
      { blockId: 'b-south', offered: 1, claimed: 0, declined: 1, lapsed: 0, open: 0, releasedToGig: { declined: 1, lapsed: 0, 'limit-reached': 0, 'no-sorter': 0 } },
    ]);
    expect((await as('other-coordinator').get('/hubs/hub-1/surge-windows/sat-surge/report')).body).toMatchObject({ status: 403 });
  });

  it('records shifts worked, the fact pay prices: a volunteer’s against the roster, a dispatcher’s hours', async () => {
    clock.set('2025-03-08T12:30:00.000Z');
    const worked = await as('coordinator').post('/hubs/hub-1/shifts-worked', {
      shiftId: 'sat-north',
      participantId: 'vol-ana',
      work: { kind: 'volunteer' },
      startedAt: '2025-03-08T08:00:00Z',
      endedAt: '2025-03-08T12:00:00Z',
    });
    expect(worked.status).toBe(201);
    expect(worked.body).toMatchObject({ shiftId: 'sat-north', recorded: ['ShiftWorked'] });
    const hours = await as('coordinator').post('/hubs/hub-1/shifts-worked', {
      participantId: 'disp-1',
      work: { kind: 'hourly', role: 'dispatcher' },
      startedAt: '2025-03-08T07:00:00Z',
      endedAt: '2025-03-08T11:00:00Z',
    });
    expect(hours.body).toMatchObject({ recorded: ['ShiftWorked'], shiftId: expect.any(String) });
    expect(
      (await as('coordinator').post('/hubs/hub-1/shifts-worked', { participantId: 'disp-1', work: { kind: 'hourly' }, startedAt: '2025-03-08T07:00:00Z', endedAt: '2025-03-08T11:00:00Z' })).status,
    ).toBe(400);
    expect(
      (
        await as('coordinator').post('/hubs/hub-1/shifts-worked', {
          participantId: 'vol-ana',
          work: { kind: 'volunteer' },
          shiftId: 'sat-south',
          startedAt: '2025-03-08T08:00:00Z',
          endedAt: '2025-03-08T12:00:00Z',
        })
      ).body,
    ).toMatchObject({ status: 422, code: 'ROSTER.NOT_ON_ROSTER' });
    const events = [];
    for await (const { event } of api.events.readStream('roster-hub-1')) if (event?.type === 'ShiftWorked') events.push(event.data);
    expect(events[0]).toEqual({
      shiftId: 'sat-north',
      hubId: 'hub-1',
      participantId: 'vol-ana',
      work: { kind: 'volunteer' },
      startedAt: '2025-03-08T08:00:00.000Z',
      endedAt: '2025-03-08T12:00:00.000Z',
      recordedBy: 'coord-1',
      recordedAt: '2025-03-08T12:30:00.000Z',
    });
  });

  it('refuses suspended participants: a volunteer their claim, a coordinator their hub', async () => {
    expect((await as('coordinator').post('/surge-windows/sat-surge/offers', { offerId: 'o-p-5', blockId: 'b-south', parcelId: 'p-5' })).body).toMatchObject({
      status: 409,
      code: 'SURGE.WINDOW_NOT_OPEN',
    });
    clock.set('2025-03-08T11:00:00.000Z');
    expect((await as('coordinator').post('/surge-windows/sat-surge/offers', { offerId: 'o-p-5', blockId: 'b-south', parcelId: 'p-5' })).status).toBe(201);
    expect((await as('admin').post('/participants/vol-ben/suspend', { reason: 'under review' })).status).toBe(200);
    expect((await as('ben').post('/surge-windows/sat-surge/offers/o-p-5/claim')).body).toMatchObject({ status: 403, code: 'SURGE.PARTICIPANT_SUSPENDED' });
    expect((await as('admin').post('/participants/coord-1/suspend', { reason: 'under review' })).status).toBe(200);
    expect((await as('coordinator').post('/surge-windows/sat-surge/lapses')).body).toMatchObject({ status: 403, code: 'ROSTER.ACTOR_SUSPENDED' });
  });

  it('documents every route with its roles, and the request examples', async () => {
    const openapi = await api.call('GET', '/docs-json');
    const paths = Object.keys(openapi.body.paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/hubs/{hubId}/roster/shifts',
        '/hubs/{hubId}/roster/shifts/{shiftId}/change',
        '/hubs/{hubId}/roster/shifts/{shiftId}/cancel',
        '/hubs/{hubId}/shifts-worked',
        '/hubs/{hubId}/roster',
        '/hubs/{hubId}/roster/broken-promises',
        '/coordinators/{coordinatorId}/broken-promises',
        '/hubs/{hubId}/surge-windows',
        '/surge-windows/{windowId}/offers',
        '/surge-windows/{windowId}/offers/{offerId}/claim',
        '/surge-windows/{windowId}/offers/{offerId}/decline',
        '/surge-windows/{windowId}/lapses',
        '/surge-windows/{windowId}/gig-releases',
        '/hubs/{hubId}/surge-windows/{windowId}/report',
      ]),
    );
    const examples = openapi.body.paths['/hubs/{hubId}/roster/shifts'].post.requestBody.content['application/json'].examples;
    expect(Object.values(examples)[0]).toMatchObject({ value: { shifts: [expect.objectContaining({ role: 'sorter', blockId: 'b-north' })] } });
  });
});
