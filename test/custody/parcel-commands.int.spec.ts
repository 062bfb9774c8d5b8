import { CommandDispatcher, CommandNotAllowedError } from '@handoff/commands';
import { AggregateRepository, EventStore } from '@handoff/eventstore';
import type { Command, CommandActor } from '@handoff/kernel';
import { Metrics } from '@handoff/shared';
import { CustodyEdge, PARTY_DIRECTORY } from '@handoff/custody';
import { type ParticipantProfile, participantDecider, ParticipantDirectory, participantStreams } from '@handoff/participants';
import { InMemorySubjectKeyStore, PersonalDataVault } from '@handoff/personal-data';
import { useEventStoreTestingModule } from '../support/event-store-testing-module';
import { HUB_ADDRESS } from '../support/one-hub-network';
import { handoffHandlings } from '../../libs/custody/src/commands/parcel/handoff.handlings';
import type { AcceptHandoff, OfferHandoff } from '../../libs/custody/src/commands/parcel/handoff.handlings';
import { parcelHandlings, type RegisterParcel, type SortParcel } from '../../libs/custody/src/commands/parcel/parcel.handlings';

jest.setTimeout(60_000);

const NOW = '2025-05-01T10:00:00.000Z';
const PARTICIPANTS: [string, ParticipantProfile][] = [
  ['r-1', { kind: 'retailer', displayName: 'Calder Tools' }],
  ['co-1', { kind: 'coordinator', displayName: 'Ruth' }],
  ['hub-1', { kind: 'hub', displayName: 'Mill Hub', address: HUB_ADDRESS, operatingCoordinatorId: 'co-1', perCycleCap: 100 }],
  ['c-1', { kind: 'courier', displayName: 'Ada', engagement: { kind: 'paid' }, vetting: 'vetted' }],
  ['col-1', { kind: 'collective', displayName: 'Calder', memberRetailerIds: ['r-1'], policy: { declaredValueThreshold: { amountMinor: 50_000, currency: 'GBP' }, waiverRequired: false } }],
];

/** A command as a reaction or the CLI would issue it: no request, no reply, only data. */
const issued = <C extends Command>(type: C['type'], data: C['data'], actor: CommandActor, idempotencyKey?: string): C =>
  ({ type, data, metadata: { actor, now: NOW, correlationId: 'corr-1', causationId: 'cause-1', ...(idempotencyKey ? { idempotencyKey } : {}) } }) as C;

describe('parcel commands are data: any issuer dispatches them, without HTTP (ADR 0016)', () => {
  const embedded = useEventStoreTestingModule({ providers: [CustodyEdge, ParticipantDirectory, { provide: PARTY_DIRECTORY, useExisting: ParticipantDirectory }] });
  let dispatcher: CommandDispatcher;
  let store: EventStore;
  const vault = new PersonalDataVault(new InMemorySubjectKeyStore(() => NOW));

  beforeAll(async () => {
    const repository = embedded.module.get(AggregateRepository);
    const edge = embedded.module.get(CustodyEdge);
    store = embedded.module.get(EventStore);
    const waivers = { coverageAt: async () => ({ covered: false as const, reason: 'none' as const }) };
    dispatcher = new CommandDispatcher(repository, new Metrics({ defaultMetrics: false })).register(...parcelHandlings(edge), ...handoffHandlings(edge, waivers));
    for (const [participantId, profile] of PARTICIPANTS) {
      const context = { correlationId: 'setup', causationId: 'setup', actor: { kind: 'admin' as const, id: 'admin-1' } };
      await repository.handleCommand(participantDecider, participantStreams.participant(participantId), { type: 'RegisterParticipant', participantId, profile, registeredAt: NOW }, context);
    }
  });

  it('registers with the recipient already sealed, hands over, and answers the ids the command carried', async () => {
    const recipient = await vault.seal('recipient-p-1', { name: 'Grace', address: { lines: ['1 Lane'], locality: 'Leeds', postalCode: 'LS1 1AA', countryCode: 'GB' }, phone: '+44 1' });
    const retailer = { role: 'retailer', id: 'r-1' };
    const registration = issued<RegisterParcel>(
      'RegisterParcel',
      { parcelId: 'p-1', externalReference: 'o-1', collectiveId: 'col-1', declaredValue: { amountMinor: 100, currency: 'GBP' }, categories: [], destinationHubId: 'hub-1', recipient },
      retailer,
    );
    expect(await dispatcher.dispatch(registration)).toMatchObject({ streamName: 'parcel-p-1', recorded: ['ParcelRegistered'], created: { recipientSubjectId: 'recipient-p-1' } });
    const offer = await dispatcher.dispatch(issued<OfferHandoff>('OfferHandoff', { parcelId: 'p-1', handoffId: 'h-1', to: { kind: 'courier', id: 'c-1' } }, retailer));
    expect(offer).toMatchObject({ recorded: ['ParcelHandoffOffered'], created: { handoffId: 'h-1' } });
    const accept = { parcelId: 'p-1', handoffId: 'h-1', condition: { condition: 'intact' as const }, evidence: [], geo: { latitude: 53.8, longitude: -1.5 }, deviceTime: NOW };
    expect(await dispatcher.dispatch(issued<AcceptHandoff>('AcceptHandoff', accept, { role: 'courier', id: 'c-1' }))).toMatchObject({ recorded: ['ParcelHandoffAccepted'] });
    const [registered] = (await store.readStream('parcel-p-1')).events;
    expect(registered!.data).toMatchObject({ recipient });
    expect(JSON.stringify(registered!.data)).not.toContain('Grace');
  });

  it('decides a command that went through JSON once per idempotency key, and keeps finer scope with the decider', async () => {
    const coordinator = { role: 'coordinator', id: 'co-1', hubId: 'hub-1' };
    const sort = JSON.parse(JSON.stringify(issued<SortParcel>('SortParcel', { parcelId: 'p-1', toteId: 't-1', routeId: 'r-9' }, coordinator, 'reaction:evt-1:0'))) as SortParcel;
    // The hub does not hold the parcel (courier c-1 does): refused by the decider, nothing recorded.
    await expect(dispatcher.dispatch(sort)).rejects.toMatchObject({ code: expect.stringMatching(/^PARCEL\./) });
    // A reaction's own actor may issue none of these: the roles are the routes' roles.
    await expect(dispatcher.dispatch({ ...sort, metadata: { ...sort.metadata, actor: { role: 'system', id: 'reaction:x' } } })).rejects.toBeInstanceOf(CommandNotAllowedError);
    const before = (await store.readStream('parcel-p-1')).events.length;
    const report = issued(
      'ReportParcelIncident',
      { parcelId: 'p-1', reportId: 'rep-1', incident: 'damaged', discoveredAt: NOW, description: 'dent', evidence: [] },
      { role: 'courier', id: 'c-1' },
      'reaction:evt-3:0',
    );
    expect(await dispatcher.dispatch(report)).toMatchObject({ recorded: ['ParcelReportedDamaged'], created: { reportId: 'rep-1' }, repeated: false });
    expect(await dispatcher.dispatch(JSON.parse(JSON.stringify(report)))).toMatchObject({ recorded: [], repeated: true });
    expect((await store.readStream('parcel-p-1')).events).toHaveLength(before + 1);
  });
});
