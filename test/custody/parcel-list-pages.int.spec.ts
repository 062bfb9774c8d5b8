/**
 * A page of `GET /parcels` costs O(page), for every role and every filter, and so does "held over
 * 24 hours": each find CustodyQueries sends is explained (executionStats) and reads no more
 * documents than it returns, plus the one that tells a next page exists and, after a cursor, the
 * cursor's own document. Nothing is sorted in memory; nothing else in the collection is touched.
 * The same explain, sent to mongod, reports the same fields.
 *
 * The board is seeded directly through the driver with documents in the projection's shape (as the
 * bench does), and every page is checked against the list computed by hand from parcel-access's rules.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MongoClient } from 'mongodb';
import type { Document } from 'mongodb';
import { ProjectionStore, ReadModels } from '@handoff/projections';
import type { ProjectionRuntime } from '@handoff/projections';
import { FixedClock } from '@handoff/shared';
import { FileKeyring } from '@handoff/personal-data/file-keyring';
import { MongoSubjectKeyStore } from '@handoff/personal-data/mongo-subject-key-store';
import { PersonalDataVault } from '@handoff/personal-data/personal-data-vault';
import { CustodyQueries, ParcelListFilter } from '@handoff/custody/read-models/custody-queries';
import { canSeeParcel, ParcelAccessFacts, Viewer } from '@handoff/custody/read-models/parcel-access';
import { PARCELS, parcelBoardProjection } from '@handoff/custody/read-models/parcel-board/parcel-board.projection';
import { boardDocument, NetworkShape } from '../../bench/parcel-list/board-documents';
import { ReadSide, startReadSide, waitUntil } from '../projections/support/read-side.fixture';
import { runtimeOn } from '../projections/runtime-support';

jest.setTimeout(120_000);

const NOW = new Date('2026-06-01T12:00:00.000Z');
const SHAPE: NetworkShape = { parcels: 4_000, hubs: 12, couriers: 40, retailers: 6, now: NOW };
const PAGE = 10;
const DAY_MS = 24 * 3600_000;

describe('parcel list pages', () => {
  let side: ReadSide;
  let runtime: ProjectionRuntime;
  let monitored: MongoClient;
  let queries: CustodyQueries;
  let physical: string;
  const boards = Array.from({ length: SHAPE.parcels }, (_, n) => boardDocument(n, SHAPE));
  const finds: Document[] = [];

  const keyringDir = mkdtempSync(path.join(os.tmpdir(), 'handoff-keyring-'));

  beforeAll(async () => {
    side = await startReadSide('parcel_pages');
    // The runtime registers the board's generation and creates its indexes; the documents are then seeded directly.
    runtime = runtimeOn(side, [parcelBoardProjection]);
    runtime.start();
    const store = new ProjectionStore(side.db);
    physical = await waitUntil('the board generation', async () => (await store.findRegistry(parcelBoardProjection.name))?.active.collections[PARCELS]);
    await waitUntil(
      'its indexes',
      async () =>
        (
          await side.db
            .collection(physical)
            .listIndexes()
            .toArray()
            .catch(() => [])
        ).length === 3,
    );
    await runtime.stop();
    for (let i = 0; i < boards.length; i += 1_000) await side.db.collection(physical).insertMany(boards.slice(i, i + 1_000) as never);
    monitored = new MongoClient(side.readStore.uri, { monitorCommands: true });
    monitored.on('commandStarted', (event) => {
      if (event.commandName === 'find' && event.command.find === physical) finds.push(event.command);
    });
    const db = monitored.db(side.db.databaseName);
    const clock = new FixedClock(NOW);
    queries = new CustodyQueries(new ReadModels(db), new PersonalDataVault(new MongoSubjectKeyStore(db, new FileKeyring(keyringDir, () => clock.nowIso()), () => clock.nowIso())), clock);
  });

  afterAll(async () => {
    rmSync(keyringDir, { recursive: true, force: true });
    await monitored?.close();
    await side?.dispose();
  });

  /** Every find sent while `read` ran, explained: what it examined. */
  const explained = async (read: () => Promise<unknown>) => {
    finds.length = 0;
    await read();
    return Promise.all(
      finds.map(async ({ find, filter, sort, limit, projection }) => {
        const { executionStats } = await side.db.command({ explain: { find, filter, sort, limit, projection }, verbosity: 'executionStats' });
        return { limit: limit as number, docs: executionStats.totalDocsExamined as number, keys: executionStats.totalKeysExamined as number, plan: executionStats.executionStages };
      }),
    );
  };

  const byRegistration = (a: Document, b: Document) => (a.registeredAt < b.registeredAt ? -1 : a.registeredAt > b.registeredAt ? 1 : a._id < b._id ? -1 : 1);
  const matches = (board: Document, f: ParcelListFilter) =>
    (f.hubId === undefined || board.destinationHubId === f.hubId || board.currentHubId === f.hubId) &&
    (f.holder === undefined || board.holderKey === f.holder) &&
    (f.status === undefined || board.status === f.status) &&
    (f.retailerId === undefined || board.retailerId === f.retailerId) &&
    (f.flag === undefined || ((board.flags as string[] | undefined) ?? []).includes(f.flag));

  const admin: Viewer = { role: 'admin', participantId: 'admin-1' };
  const auditor: Viewer = { role: 'auditor', participantId: 'auditor-1' };
  const retailer: Viewer = { role: 'retailer', participantId: 'retailer-2' };
  const coordinator: Viewer = { role: 'coordinator', participantId: 'coord-1', hubId: 'hub-5' };
  const courierOf = boards.find((board) => board.status === 'with-courier')!.holder.id as string;
  const courier: Viewer = { role: 'courier', participantId: courierOf };

  /** One filter of each kind, with a value some parcel the viewer sees has. */
  const filtersFor = (viewer: Viewer): ParcelListFilter[] => {
    const seen = boards.filter((board) => canSeeParcel(viewer, board as ParcelAccessFacts));
    const some = (pick: (board: Document) => unknown) => seen.map(pick).find((value) => typeof value === 'string') as string;
    return [
      {},
      { hubId: some((board) => board.currentHubId) },
      { holder: some((board) => board.holderKey) },
      { status: 'at-hub' },
      { status: 'delivered' },
      { retailerId: some((board) => board.retailerId) },
      { flag: some((board) => board.flags?.[0]) as never },
    ];
  };

  const cases = [admin, auditor, retailer, coordinator, courier].flatMap((viewer) => filtersFor(viewer).map((filter) => ({ viewer, filter })));

  it.each(cases)('$viewer.role $filter: each page reads one range of the index, in order', async ({ viewer, filter }) => {
    const expected = boards.filter((board) => canSeeParcel(viewer, board as ParcelAccessFacts) && matches(board, filter)).sort(byRegistration);
    expect(expected.length).toBeGreaterThan(0);
    let after: string | undefined;
    for (let page = 0; page < 2; page++) {
      let answer: Awaited<ReturnType<CustodyQueries['parcels']>> | undefined;
      const stats = await explained(async () => (answer = await queries.parcels(viewer, filter, { limit: PAGE, after })));
      expect(answer!.items.map((item) => item.parcelId)).toEqual(expected.slice(page * PAGE, (page + 1) * PAGE).map((board) => board._id));
      expect(stats).toHaveLength(1);
      const [{ limit, docs, keys, plan }] = stats as [(typeof stats)[0]];
      // the page, the one after it that says there is a next page, and (after a cursor) the cursor's own document
      expect(docs).toBeLessThanOrEqual(limit + (after ? 1 : 0));
      expect(keys).toBeLessThanOrEqual(limit + 1 + (after ? 1 : 0));
      expect(plan).toMatchObject({ stage: 'FETCH', inputStage: { stage: 'IXSCAN', indexName: 'listed' } });
      after = answer!.next;
      if (!after) break;
    }
  });

  it.each([admin, retailer, coordinator])('$role: held over 24 hours is one range of the held index, longest first', async (viewer) => {
    const since = new Date(NOW.getTime() - DAY_MS).toISOString();
    const expected = boards
      .filter((board) => canSeeParcel(viewer, board as ParcelAccessFacts) && board.heldSince && board.heldSince < since)
      .sort((a, b) => (a.heldSince < b.heldSince ? -1 : a.heldSince > b.heldSince ? 1 : a._id < b._id ? -1 : 1));
    expect(expected.length).toBeGreaterThan(PAGE);
    let after: string | undefined;
    for (let page = 0; page < 2; page++) {
      let answer: Awaited<ReturnType<CustodyQueries['longHolds']>> | undefined;
      const [stats] = await explained(async () => (answer = await queries.longHolds(viewer, { limit: PAGE, after })));
      expect(answer!.items.map((item) => item.parcelId)).toEqual(expected.slice(page * PAGE, (page + 1) * PAGE).map((board) => board._id));
      expect(stats!.docs).toBeLessThanOrEqual(stats!.limit + (after ? 1 : 0));
      expect(stats!.plan).toMatchObject({ inputStage: { stage: 'IXSCAN', indexName: 'held' } });
      after = answer!.next;
    }
  });

  it('answers several filters at once, exactly (one of them through the index)', async () => {
    const filter: ParcelListFilter = { status: 'at-hub', hubId: 'hub-3' };
    const expected = boards.filter((board) => matches(board, filter)).sort(byRegistration);
    expect((await queries.parcels(admin, filter, { limit: 100 })).items.map((item) => item.parcelId)).toEqual(expected.slice(0, 100).map((board) => board._id));
  });

  it('names the recipient in a list without opening it', async () => {
    const [first] = (await queries.parcels(admin, {}, { limit: 1 })).items;
    expect(first!.recipient).toEqual({ subjectId: 'recipient-0' });
    expect(first).not.toHaveProperty('listedUnder');
    expect(first).not.toHaveProperty('visibleTo');
  });
});
