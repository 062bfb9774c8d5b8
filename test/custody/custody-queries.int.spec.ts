/**
 * The custody questions answered end to end below HTTP: events decided by the parcel and hub
 * cycle deciders are appended to the embedded event store, projected by the real runtime into the
 * embedded MongoDB-compatible server, and read back through CustodyQueries with the real vault.
 */
import type { ProjectionRuntime } from '@handoff/projections';
import { ReadModels } from '@handoff/projections';
import { FixedClock } from '@handoff/shared';
import type { ParcelCommand } from '@handoff/custody/domain/parcel/parcel.commands';
import type { ParcelEvent } from '@handoff/custody/domain/parcel/parcel.events';
import { ana, at, command, covering, hash, hub, inEffect, recorded, retailer, standing } from '@handoff/custody/domain/parcel/parcel.fixtures';
import { custodyUpcasters } from '@handoff/custody';
import type { HubCycleEvent } from '@handoff/custody/domain/hub-cycle/hub-cycle.events';
import { mkdtemp } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileKeyring } from '@handoff/personal-data/file-keyring';
import { MongoSubjectKeyStore } from '@handoff/personal-data/mongo-subject-key-store';
import { PersonalDataVault } from '@handoff/personal-data/personal-data-vault';
import { custodyChainProjection } from '@handoff/custody/read-models/custody-chain/custody-chain.projection';
import { CustodyQueries, InvalidPageCursorError } from '@handoff/custody/read-models/custody-queries';
import { hubLoadProjection } from '@handoff/custody/read-models/hub-load/hub-load.projection';
import { parcelBoardProjection } from '@handoff/custody/read-models/parcel-board/parcel-board.projection';
import { appendEvents, ReadSide, startReadSide } from '../projections/support/read-side.fixture';
import { runtimeOn, waitForCheckpoint } from '../projections/runtime-support';

jest.setTimeout(60_000);

const projections = [parcelBoardProjection, custodyChainProjection, hubLoadProjection];
const admin = { role: 'admin' as const, participantId: 'admin-1' };
const asAna = { role: 'courier' as const, participantId: ana.id };
const asRetailer = { role: 'retailer' as const, participantId: retailer.id };
const asOtherRetailer = { role: 'retailer' as const, participantId: 'someone-else' };
const asInsurer = { role: 'insurer' as const, participantId: 'insurer-1' };
const asCoordinator = { role: 'coordinator' as const, participantId: 'coord-1', hubId: hub.id };

describe('custody queries over projected read models', () => {
  let side: ReadSide;
  let runtime: ProjectionRuntime;
  let vault: PersonalDataVault;
  let clock: FixedClock;
  let queries: CustodyQueries;

  /**
   * Appends the streams and waits until every projection has passed them. A projection's
   * subscription is filtered to its own event types, so each waits for the last position of a
   * stream it handles.
   */
  const project = async (streams: Array<{ stream: string; events: Array<(ParcelEvent | HubCycleEvent) & { schemaVersion?: number }>; readers?: typeof projections }>) => {
    const waits: Array<Promise<void>> = [];
    for (const { stream, events, readers = [parcelBoardProjection, custodyChainProjection] } of streams) {
      const position = await appendEvents(
        side.client,
        // Stored as schema version 1 unless the event says which it is (as the event store stamps it).
        events.map((event) => ({ stream, type: event.type, data: event.data as never, metadata: event.schemaVersion ? { schemaVersion: event.schemaVersion } : undefined })),
      );
      waits.push(...readers.map((projection) => waitForCheckpoint(side.db, projection.name, position, 15_000)));
    }
    await Promise.all(waits);
  };

  const parcelWith = async (parcelId: string, commands: (recipient: Awaited<ReturnType<PersonalDataVault['seal']>>) => ParcelCommand[]) => {
    const recipient = await vault.seal(`recipient-of-${parcelId}`, {
      name: 'Mrs Okafor',
      address: { lines: ['4 Elm Row'], locality: 'Ely', postalCode: 'CB7 4AA', countryCode: 'GB' },
      phone: '+441353000000',
    });
    const events = recorded(...commands(recipient).map((next) => ({ ...next, parcelId })));
    return { stream: `parcel-${parcelId}`, events };
  };

  beforeAll(async () => {
    side = await startReadSide('custody_queries');
    // As the projector does: old shapes are read as today's (the events below are stored as v1 unless they say otherwise).
    side.upcasters.registerSteps(custodyUpcasters);
    clock = new FixedClock(new Date(at(59)));
    const keyring = new FileKeyring(await mkdtemp(path.join(os.tmpdir(), 'handoff-keyring-')), () => clock.nowIso());
    vault = new PersonalDataVault(new MongoSubjectKeyStore(side.db, keyring, () => clock.nowIso()));
    runtime = runtimeOn(side, projections);
    runtime.start();
    queries = new CustodyQueries(new ReadModels(side.db), vault, clock);

    const moving = (recipient: never) => [command.register({ recipient }), command.receiveAtHub(), command.offer(standing.paidCourier), command.accept(standing.paidCourier)];
    await project([
      await parcelWith('p-moving', moving as never),
      await parcelWith('p-delivered', (recipient) => [...moving(recipient as never), command.deliver(ana)]),
      await parcelWith('p-at-hub', (recipient) => [command.register({ recipient }), command.receiveAtHub({ cycle: { cycleId: 'cycle-1' } })]),
      await parcelWith('p-other-retailer', (recipient) => [command.register({ recipient, actor: { kind: 'retailer', id: 'someone-else' } })]),
      // The cycle counts after the parcels' receives (and after their later events): the board and
      // the chain take the over-cap flag from its HubCycleParcelReceived (ADR 0020).
      {
        stream: 'hubcycle-cycle-1',
        events: [
          { type: 'HubCycleOpened', data: { cycleId: 'cycle-1', hubId: hub.id, cap: 1, openedAt: at(1) } },
          { type: 'HubCycleParcelReceived', data: { cycleId: 'cycle-1', hubId: hub.id, parcelId: 'p-moving', intakeNumber: 1, overCap: false, receivedAt: at(10) } },
          { type: 'HubCycleParcelReceived', data: { cycleId: 'cycle-1', hubId: hub.id, parcelId: 'p-at-hub', intakeNumber: 2, overCap: true, receivedAt: at(10) } },
        ],
        readers: projections,
      },
      { stream: 'hubcycle-cycle-1', events: [{ type: 'HubCycleCapExceeded', data: { cycleId: 'cycle-1', hubId: hub.id, cap: 1, exceededAt: at(10) } }], readers: [hubLoadProjection] },
    ]);
  });

  afterAll(async () => {
    await runtime?.stop();
    await side?.dispose();
  });

  it("answers a parcel's state with the recipient only for eyes allowed to see it", async () => {
    const forAna = await queries.parcel(asAna, 'p-moving');
    expect(forAna).toMatchObject({ parcelId: 'p-moving', status: 'with-courier', holder: ana, recipient: { visibility: 'visible', name: 'Mrs Okafor' } });
    expect(forAna).not.toHaveProperty('_position');
    expect((await queries.parcel(asInsurer, 'p-moving')).recipient).toEqual({ subjectId: 'recipient-of-p-moving', visibility: 'withheld' });
    // Ana delivered p-delivered: she may still see it, but not the address any more.
    expect((await queries.parcel(asAna, 'p-delivered')).recipient).toEqual({ subjectId: 'recipient-of-p-delivered', visibility: 'withheld' });
  });

  it('says "not found" for parcels outside the viewer\'s scope', async () => {
    await expect(queries.parcel(asOtherRetailer, 'p-moving')).rejects.toMatchObject({ code: 'PARCEL.NOT_FOUND' });
    await expect(queries.parcel(asAna, 'p-at-hub')).rejects.toMatchObject({ code: 'PARCEL.NOT_FOUND' });
    await expect(queries.custodyChain(asOtherRetailer, 'p-moving')).rejects.toMatchObject({ code: 'PARCEL.NOT_FOUND' });
  });

  it('gives the custody chain now and as of an earlier instant', async () => {
    const now = await queries.custodyChain(asInsurer, 'p-delivered');
    expect(now.segments.map((segment) => segment.holder)).toEqual([retailer, hub, ana]);
    expect(now.currentHolder).toBeNull();
    const earlier = await queries.custodyChain(asInsurer, 'p-delivered', at(15));
    expect(earlier.currentHolder).toEqual(hub);
    expect(earlier.segments).toHaveLength(2);
  });

  it('lists parcels by filter within scope, a page at a time', async () => {
    const mine = await queries.parcels(asRetailer, {}, { limit: 2 });
    expect(mine.items).toHaveLength(2);
    expect(mine.next).toBeDefined();
    const rest = await queries.parcels(asRetailer, {}, { limit: 2, after: mine.next });
    const ids = [...mine.items, ...rest.items].map((item) => item.parcelId).sort();
    expect(ids).toEqual(['p-at-hub', 'p-delivered', 'p-moving']);
    expect(rest.next).toBeUndefined();
    expect((await queries.parcels(admin, { flag: 'over-cap' }, {})).items.map((item) => item.parcelId)).toEqual(['p-at-hub']);
    expect((await queries.custodyChain(admin, 'p-at-hub')).flags).toContain('over-cap-cycle');
    expect((await queries.custodyChain(admin, 'p-moving')).flags).not.toContain('over-cap-cycle');
    expect((await queries.parcels(admin, { holder: `courier:${ana.id}` }, {})).items.map((item) => item.parcelId)).toEqual(['p-moving']);
    expect((await queries.parcels(asCoordinator, { status: 'at-hub' }, {})).items.map((item) => item.parcelId)).toEqual(['p-at-hub']);
    await expect(queries.parcels(admin, {}, { after: 'not-a-cursor' })).rejects.toBeInstanceOf(InvalidPageCursorError);
  });

  it('finds parcels held longer than 24 hours right now', async () => {
    expect((await queries.longHolds(admin, {})).items).toEqual([]);
    clock.set(new Date(Date.parse(at(15)) + 24 * 3600_000));
    try {
      const held = await queries.longHolds(admin, {});
      // Held since before the cut-off: the retailer's p-other-retailer (0'), the hub's p-at-hub (10').
      expect(held.items.map((item) => item.parcelId)).toEqual(['p-other-retailer', 'p-at-hub']);
    } finally {
      clock.set(new Date(at(59)));
    }
  });

  it('shows hub load per cycle against the cap', async () => {
    expect(await queries.hubLoad(asCoordinator, hub.id)).toEqual([
      expect.objectContaining({ cycleId: 'cycle-1', cap: 1, received: 2, overCap: 1, overCapParcelIds: ['p-at-hub'], loadRatio: 2, exceededAt: at(10) }),
    ]);
    expect(await queries.hubLoad(asAna, hub.id)).toEqual([]);
  });

  it('shows erased personal data once the subject key is destroyed, the chain still whole', async () => {
    await vault.erase('recipient-of-p-moving');
    expect((await queries.parcel(asAna, 'p-moving')).recipient).toMatchObject({ visibility: 'erased', subjectId: 'recipient-of-p-moving' });
    expect((await queries.custodyChain(admin, 'p-moving')).segments).toHaveLength(3);
  });

  it('shows on each segment the waiver in effect, from a v2 acceptance and from a v1 one read back as v2 with its terms not recorded', async () => {
    // Last in this file: these parcels would change the listings above.
    const offered = [command.receiveAtHub(), command.offer(standing.paidCourier)];
    const v2 = await parcelWith('p-waiver-v2', (recipient) => [command.register({ recipient }), ...offered, command.accept(standing.paidCourier, { waiver: covering('w-2', '2') })]);
    const v1 = await parcelWith('p-waiver-v1', (recipient) => [command.register({ recipient }), ...offered, command.accept(standing.paidCourier)]);
    // What an earlier release stored: ParcelHandoffAccepted v1, the waiver's id and hash only.
    const acceptedV1 = v1.events[3]!;
    v1.events[3] = { ...acceptedV1, data: { ...acceptedV1.data, waiver: { waiverId: 'w-1', versionHash: hash('1') } } } as never;
    v2.events[3] = { ...v2.events[3]!, schemaVersion: 2 } as never;
    await project([v2, v1]);

    const [withTerms, withoutTerms] = await Promise.all([queries.custodyChain(asInsurer, 'p-waiver-v2'), queries.custodyChain(asInsurer, 'p-waiver-v1')]);
    expect(withTerms.segments.map((segment) => segment.waiver?.waiverId ?? null)).toEqual([null, null, 'w-2']);
    expect(withTerms.segments[2]!.waiver).toEqual(inEffect('w-2', '2'));
    expect(withoutTerms.segments[2]!.waiver).toEqual({ waiverId: 'w-1', textHash: hash('1'), templateId: null, templateVersion: null, liabilityCap: null, grossNegligenceClause: null });
  });
});
