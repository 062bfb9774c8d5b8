/**
 * Roster and surge commands as data on the one dispatcher, judged on the streams of the embedded
 * event store: hubs, coordinators and volunteers from the participants' own streams (through the
 * port the rosters context owns), who sorts a block from the hub's roster stream.
 */
import { CommandDispatcher, CommandNotAllowedError } from '@handoff/commands';
import { AggregateRepository, EventStore } from '@handoff/eventstore';
import type { Command, CommandActor } from '@handoff/kernel';
import { Metrics } from '@handoff/shared';
import { type ParticipantProfile, participantDecider, ParticipantDirectory, participantStreams } from '@handoff/participants';
import { ROSTER_PARTIES, rosterHandlings, RosterRecords, surgeHandlings } from '@handoff/rosters';
import { useEventStoreTestingModule } from '../support/event-store-testing-module';

jest.setTimeout(60_000);

const NOW = '2025-05-01T10:00:00.000Z';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const after = (ms: number) => new Date(Date.parse(NOW) + ms).toISOString();
const address = { lines: ['1 Mill Lane'], locality: 'Hebden Bridge', postalCode: 'HX7 8AA', countryCode: 'GB' };
const PARTICIPANTS: [string, ParticipantProfile][] = [
  ['coord-a', { kind: 'coordinator', displayName: 'Ruth' }],
  ['coord-b', { kind: 'coordinator', displayName: 'Omar' }],
  ['hub-a', { kind: 'hub', displayName: 'Mill Hub', address, operatingCoordinatorId: 'coord-a', perCycleCap: 55 }],
  ['hub-b', { kind: 'hub', displayName: 'Canal Hub', address, operatingCoordinatorId: 'coord-b', perCycleCap: 55 }],
  ['vol-ana', { kind: 'courier', displayName: 'Ana', engagement: { kind: 'volunteer' }, vetting: 'unvetted' }],
  ['vol-ben', { kind: 'courier', displayName: 'Ben', engagement: { kind: 'volunteer' }, vetting: 'unvetted' }],
  ['run-sam', { kind: 'courier', displayName: 'Sam', engagement: { kind: 'paid' }, vetting: 'vetted' }],
];
const coordinatorOf = (hubId: string, id = 'coord-a'): CommandActor => ({ role: 'coordinator', id, hubId });
const courier = (id: string): CommandActor => ({ role: 'courier', id });
const ROSTERS = { noticeMs: 6 * DAY, surgeOfferLimitPerBlock: 5, surgeOfferLapseMs: 15 * MINUTE };
const SHIFT_START = 7 * DAY;

const issued = (type: string, data: object, actor: CommandActor, now = NOW): Command => ({ type, data, metadata: { actor, now, correlationId: 'corr-1', causationId: 'cause-1' } });
const sorterShift = (shiftId: string, participantId: string, blockId: string, startsAt = after(SHIFT_START)) => ({
  shiftId,
  participantId,
  role: 'sorter',
  blockId,
  startsAt,
  endsAt: new Date(Date.parse(startsAt) + 4 * HOUR).toISOString(),
});

describe('roster and surge commands on the one dispatcher (issue 19 §3)', () => {
  const embedded = useEventStoreTestingModule({ providers: [RosterRecords, ParticipantDirectory, { provide: ROSTER_PARTIES, useExisting: ParticipantDirectory }] });
  let dispatcher: CommandDispatcher;
  let store: EventStore;
  let repository: AggregateRepository;
  const typesIn = async (stream: string) => (await store.readStream(stream).catch(() => ({ events: [] as Array<{ type: string }> }))).events.map((event) => event.type);
  const dataIn = async (stream: string) => (await store.readStream(stream)).events.map((event) => ({ type: event.type, data: event.data as Record<string, unknown> }));
  const adminContext = { correlationId: 'setup', causationId: 'setup', actor: { kind: 'admin' as const, id: 'admin-1' } };

  beforeAll(async () => {
    repository = embedded.module.get(AggregateRepository);
    store = embedded.module.get(EventStore);
    const records = embedded.module.get(RosterRecords);
    dispatcher = new CommandDispatcher(repository, new Metrics({ defaultMetrics: false })).register(
      ...rosterHandlings(records, ROSTERS, { maxSkewMs: 5 * MINUTE, backfillWindowMs: 72 * HOUR }),
      ...surgeHandlings(records, ROSTERS),
    );
    for (const [participantId, profile] of PARTICIPANTS) {
      await repository.handleCommand(participantDecider, participantStreams.participant(participantId), { type: 'RegisterParticipant', participantId, profile, registeredAt: NOW }, adminContext);
    }
  });

  it("publishes a hub's roster only for its own coordinator, with at least the configured notice", async () => {
    const shifts = [sorterShift('north-am', 'vol-ana', 'b-north'), sorterShift('at-notice', 'vol-ben', 'b-west', after(6 * DAY))];
    await expect(dispatcher.dispatch(issued('PublishRosterShifts', { hubId: 'hub-a', shifts }, courier('vol-ana')))).rejects.toBeInstanceOf(CommandNotAllowedError);
    // A key for another hub is refused before anything is read; a coordinator who does not run the hub named by their key, by the decider.
    await expect(dispatcher.dispatch(issued('PublishRosterShifts', { hubId: 'hub-a', shifts }, coordinatorOf('hub-b', 'coord-b')))).rejects.toMatchObject({ code: 'ROSTER.NOT_HUB_COORDINATOR' });
    await expect(dispatcher.dispatch(issued('PublishRosterShifts', { hubId: 'hub-a', shifts }, coordinatorOf('hub-a', 'coord-b')))).rejects.toMatchObject({ code: 'ROSTER.NOT_HUB_COORDINATOR' });
    const short = [sorterShift('too-soon', 'vol-ben', 'b-west', after(6 * DAY - 1))];
    await expect(dispatcher.dispatch(issued('PublishRosterShifts', { hubId: 'hub-a', shifts: short }, coordinatorOf('hub-a')))).rejects.toMatchObject({ code: 'ROSTER.NOTICE_TOO_SHORT' });
    const paid = [sorterShift('paid', 'run-sam', 'b-west')];
    await expect(dispatcher.dispatch(issued('PublishRosterShifts', { hubId: 'hub-a', shifts: paid }, coordinatorOf('hub-a')))).rejects.toMatchObject({ code: 'ROSTER.NOT_A_VOLUNTEER' });
    expect(await typesIn('roster-hub-a')).toEqual([]);

    const published = await dispatcher.dispatch(issued('PublishRosterShifts', { hubId: 'hub-a', shifts }, coordinatorOf('hub-a')));
    expect(published).toMatchObject({ streamName: 'roster-hub-a', recorded: ['RosterShiftPublished', 'RosterShiftPublished'] });
    expect((await dataIn('roster-hub-a'))[1]?.data).toMatchObject({ shiftId: 'at-notice', noticeGivenMs: 6 * DAY, publishedBy: 'coord-a' });
  });

  it('records a change as a broken promise with its lateness, counted against the coordinator who published', async () => {
    const { shiftId: _id, ...to } = sorterShift('at-notice', 'vol-ben', 'b-west', after(6 * DAY));
    const changed = await dispatcher.dispatch(
      issued('ChangeRosterShift', { hubId: 'hub-a', shiftId: 'at-notice', to: { ...to, blockId: 'b-east' }, reason: 'volume-changed' }, { role: 'admin', id: 'admin-1' }, after(DAY)),
    );
    expect(changed.recorded).toEqual(['RosterShiftChanged', 'RosterPromiseBroken']);
    expect((await dataIn('roster-hub-a')).at(-1)?.data).toMatchObject({ publishedBy: 'coord-a', brokenBy: 'admin-1', noticeGivenMs: 5 * DAY, lateByMs: DAY, reason: 'volume-changed' });
  });

  it('offers a surge delivery to the volunteer the roster says sorts the block, and nobody else may claim it', async () => {
    const windowStart = after(SHIFT_START);
    expect(await dispatcher.dispatch(issued('DeclareSurgeWindow', { windowId: 'w-1', hubId: 'hub-a', from: windowStart, until: after(SHIFT_START + 4 * HOUR) }, coordinatorOf('hub-a')))).toMatchObject(
      {
        recorded: ['SurgeWindowDeclared'],
      },
    );
    expect((await dataIn('surge-w-1'))[0]?.data).toMatchObject({ offerLimitPerBlock: 5, offerLapseMs: 15 * MINUTE });
    await expect(
      dispatcher.dispatch(issued('DeclareSurgeWindow', { windowId: 'w-2', hubId: 'hub-a', from: windowStart, until: after(SHIFT_START + HOUR) }, coordinatorOf('hub-b', 'coord-b'))),
    ).rejects.toMatchObject({
      code: 'ROSTER.NOT_HUB_COORDINATOR',
    });

    const during = after(SHIFT_START + HOUR);
    await dispatcher.dispatch(issued('OfferSurgeDelivery', { windowId: 'w-1', offerId: 'o-1', blockId: 'b-north', parcelId: 'p-1' }, coordinatorOf('hub-a'), during));
    await dispatcher.dispatch(issued('OfferSurgeDelivery', { windowId: 'w-1', offerId: 'o-2', blockId: 'b-north', parcelId: 'p-2' }, coordinatorOf('hub-a'), during));
    expect((await dataIn('surge-w-1')).slice(1).map(({ data }) => [data.offerId, data.participantId, data.sorterShiftId])).toEqual([
      ['o-1', 'vol-ana', 'north-am'],
      ['o-2', 'vol-ana', 'north-am'],
    ]);
    await expect(dispatcher.dispatch(issued('OfferSurgeDelivery', { windowId: 'w-1', offerId: 'o-3', blockId: 'b-south', parcelId: 'p-3' }, coordinatorOf('hub-a'), during))).rejects.toMatchObject({
      code: 'SURGE.NO_SORTER',
    });
    await expect(
      dispatcher.dispatch(issued('OfferSurgeDelivery', { windowId: 'w-1', offerId: 'o-3', blockId: 'b-north', parcelId: 'p-3' }, coordinatorOf('hub-b', 'coord-b'), during)),
    ).rejects.toMatchObject({
      code: 'ROSTER.NOT_HUB_COORDINATOR',
    });
    await expect(dispatcher.dispatch(issued('ReleaseSurgeDeliveryToGig', { windowId: 'w-1', blockId: 'b-north', parcelId: 'p-3' }, coordinatorOf('hub-a'), during))).rejects.toMatchObject({
      code: 'SURGE.FIRST_REFUSAL_REQUIRED',
    });
    await expect(dispatcher.dispatch(issued('ClaimSurgeOffer', { windowId: 'w-1', offerId: 'o-1' }, courier('vol-ben'), during))).rejects.toMatchObject({ code: 'SURGE.OFFER_NOT_FOUND' });
    expect(await dispatcher.dispatch(issued('ClaimSurgeOffer', { windowId: 'w-1', offerId: 'o-1' }, courier('vol-ana'), after(SHIFT_START + HOUR + 5 * MINUTE)))).toMatchObject({
      recorded: ['SurgeDeliveryClaimed'],
    });
  });

  it('refuses a claim once the offer has lapsed by the clock, and a release then records the lapse first, once', async () => {
    const late = after(SHIFT_START + HOUR + 15 * MINUTE);
    await expect(dispatcher.dispatch(issued('ClaimSurgeOffer', { windowId: 'w-1', offerId: 'o-2' }, courier('vol-ana'), late))).rejects.toMatchObject({ code: 'SURGE.OFFER_LAPSED' });
    expect(await dispatcher.dispatch(issued('ReleaseSurgeDeliveryToGig', { windowId: 'w-1', blockId: 'b-north', parcelId: 'p-2' }, coordinatorOf('hub-a'), late))).toMatchObject({
      recorded: ['SurgeOfferLapsed', 'SurgeDeliveryReleasedToGig'],
    });
    expect(await dispatcher.dispatch(issued('RecordSurgeLapses', { windowId: 'w-1' }, { role: 'system', id: 'reaction:surge' }, after(SHIFT_START + 2 * HOUR)))).toMatchObject({ recorded: [] });
    expect((await typesIn('surge-w-1')).filter((type) => type === 'SurgeOfferLapsed')).toHaveLength(1);
  });

  it('refuses a suspended volunteer their claim, and skips them as a block sorter', async () => {
    const during = after(SHIFT_START + 2 * HOUR);
    await dispatcher.dispatch(issued('OfferSurgeDelivery', { windowId: 'w-1', offerId: 'o-4', blockId: 'b-north', parcelId: 'p-4' }, coordinatorOf('hub-a'), during));
    await repository.handleCommand(
      participantDecider,
      participantStreams.participant('vol-ana'),
      { type: 'SuspendParticipant', participantId: 'vol-ana', reason: 'review', suspendedAt: during },
      adminContext,
    );
    await expect(dispatcher.dispatch(issued('ClaimSurgeOffer', { windowId: 'w-1', offerId: 'o-4' }, courier('vol-ana'), during))).rejects.toMatchObject({ code: 'SURGE.PARTICIPANT_SUSPENDED' });
    await expect(dispatcher.dispatch(issued('OfferSurgeDelivery', { windowId: 'w-1', offerId: 'o-5', blockId: 'b-north', parcelId: 'p-5' }, coordinatorOf('hub-a'), during))).rejects.toMatchObject({
      code: 'SURGE.NO_SORTER',
    });
  });

  it("records shifts worked: a volunteer's against the roster, a courier's loop off it; a repeat records nothing", async () => {
    const data = { hubId: 'hub-a', shiftId: 'at-notice', participantId: 'vol-ben', work: { kind: 'volunteer' }, startedAt: after(6 * DAY), endedAt: after(6 * DAY + 4 * HOUR) };
    const recordedAt = after(6 * DAY + 5 * HOUR);
    expect(await dispatcher.dispatch(issued('RecordShiftWorked', data, coordinatorOf('hub-a'), recordedAt))).toMatchObject({ recorded: ['ShiftWorked'], created: { shiftId: 'at-notice' } });
    expect(await dispatcher.dispatch(issued('RecordShiftWorked', data, coordinatorOf('hub-a'), recordedAt))).toMatchObject({ recorded: [] });
    const loop = { ...data, shiftId: 'loop-1', participantId: 'run-sam', work: { kind: 'courier', run: 'loop', routeId: 'route-7' } };
    expect(await dispatcher.dispatch(issued('RecordShiftWorked', loop, coordinatorOf('hub-a'), recordedAt))).toMatchObject({ recorded: ['ShiftWorked'] });
    const worked = (await dataIn('roster-hub-a')).filter((event) => event.type === 'ShiftWorked');
    expect(worked.map(({ data }) => data)).toEqual([
      { shiftId: 'at-notice', hubId: 'hub-a', participantId: 'vol-ben', work: { kind: 'volunteer' }, startedAt: data.startedAt, endedAt: data.endedAt, recordedBy: 'coord-a', recordedAt },
      {
        shiftId: 'loop-1',
        hubId: 'hub-a',
        participantId: 'run-sam',
        work: { kind: 'courier', run: 'loop', routeId: 'route-7' },
        startedAt: data.startedAt,
        endedAt: data.endedAt,
        recordedBy: 'coord-a',
        recordedAt,
      },
    ]);
  });
});
