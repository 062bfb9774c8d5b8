/**
 * While a version bump of the parcel board rebuilds (minutes on a large log), readers still get
 * the previous version, whose documents have no listing tags: lists then read it with plain
 * filters (correct, not O(page)) instead of answering nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defineProjection, ReadModels } from '@handoff/projections';
import type { ProjectionRuntime } from '@handoff/projections';
import { FixedClock } from '@handoff/shared';
import { ana, at, command, hub, recorded, retailer, standing } from '@handoff/custody/domain/parcel/parcel.fixtures';
import type { ParcelEvent } from '@handoff/custody/domain/parcel/parcel.events';
import { FileKeyring } from '@handoff/personal-data/file-keyring';
import { MongoSubjectKeyStore } from '@handoff/personal-data/mongo-subject-key-store';
import { PersonalDataVault } from '@handoff/personal-data/personal-data-vault';
import { CustodyQueries } from '@handoff/custody/read-models/custody-queries';
import { PARCELS, parcelBoardProjection } from '@handoff/custody/read-models/parcel-board/parcel-board.projection';
import { appendEvents, ReadSide, startReadSide } from '../projections/support/read-side.fixture';
import { runtimeOn, waitForCheckpoint } from '../projections/runtime-support';

jest.setTimeout(60_000);

/** Version 1 as it was: the same handlers, no derived tags. */
const boardV1 = defineProjection<ParcelEvent>({ ...parcelBoardProjection, version: 1, collections: { [PARCELS]: { indexes: [{ key: { registeredAt: 1 } }] } } });

describe('parcel lists during the board v2 rebuild', () => {
  let side: ReadSide;
  let runtime: ProjectionRuntime;
  let queries: CustodyQueries;

  const keyringDir = mkdtempSync(path.join(os.tmpdir(), 'handoff-keyring-'));

  beforeAll(async () => {
    side = await startReadSide('parcel_list_v1');
    runtime = runtimeOn(side, [boardV1]);
    runtime.start();
    const clock = new FixedClock(new Date(Date.parse(at(15)) + 24 * 3600_000));
    queries = new CustodyQueries(new ReadModels(side.db), new PersonalDataVault(new MongoSubjectKeyStore(side.db, new FileKeyring(keyringDir, () => clock.nowIso()), () => clock.nowIso())), clock);
    const streams = [
      { id: 'p-with-ana', commands: [command.register(), command.receiveAtHub(), command.offer(standing.paidCourier), command.accept(standing.paidCourier)] },
      { id: 'p-at-hub', commands: [command.register(), command.receiveAtHub()] },
      { id: 'p-other', commands: [command.register({ actor: { kind: 'retailer', id: 'someone-else' } })] },
    ];
    let last;
    for (const { id, commands } of streams) {
      const events = recorded(...commands.map((next) => ({ ...next, parcelId: id })));
      last = await appendEvents(
        side.client,
        events.map((event) => ({ stream: `parcel-${id}`, type: event.type, data: event.data as never })),
      );
    }
    await waitForCheckpoint(side.db, boardV1.name, last!);
  });

  afterAll(async () => {
    rmSync(keyringDir, { recursive: true, force: true });
    await runtime?.stop();
    await side?.dispose();
  });

  const ids = (page: { items: { parcelId?: unknown }[] }) => page.items.map((item) => item.parcelId).sort();

  it('lists within scope and by filter from the untagged board', async () => {
    expect(ids(await queries.parcels({ role: 'admin', participantId: 'a' }, {}, {}))).toEqual(['p-at-hub', 'p-other', 'p-with-ana']);
    expect(ids(await queries.parcels({ role: 'retailer', participantId: retailer.id }, { status: 'at-hub' }, {}))).toEqual(['p-at-hub']);
    expect(ids(await queries.parcels({ role: 'courier', participantId: ana.id }, {}, {}))).toEqual(['p-with-ana']);
    expect(ids(await queries.parcels({ role: 'coordinator', participantId: 'c', hubId: hub.id }, { holder: `hub:${hub.id}` }, {}))).toEqual(['p-at-hub']);
    const firstPage = await queries.parcels({ role: 'admin', participantId: 'a' }, {}, { limit: 2 });
    expect(
      ids(await queries.parcels({ role: 'admin', participantId: 'a' }, {}, { limit: 2, after: firstPage.next }))
        .concat(ids(firstPage))
        .sort(),
    ).toEqual(['p-at-hub', 'p-other', 'p-with-ana']);
  });

  it('finds long holds within scope from the untagged board', async () => {
    expect(ids(await queries.longHolds({ role: 'retailer', participantId: 'someone-else' }, {}))).toEqual(['p-other']);
    expect(ids(await queries.longHolds({ role: 'admin', participantId: 'a' }, {}))).toEqual(['p-at-hub', 'p-other']);
  });
});
