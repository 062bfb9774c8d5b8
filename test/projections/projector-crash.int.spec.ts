/**
 * Fault test (issue 3 §4): the projector is killed with SIGKILL at random moments during a rebuild
 * of 200,000 events, again and again; once it finishes, every read-model collection equals a clean
 * single-pass build. The same for a handler that throws once and then succeeds.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { ProjectionStore, positionKey } from '@handoff/projections';
import { repoRoot } from '@handoff/shared/compiled-path';
import type { Db } from 'mongodb';
import { appendEvents, ReadSide, startReadSide, waitUntil } from './support/read-side.fixture';
import { cartEvents, cartProjection } from './support/cart.projection';
import { activeSnapshot, runtimeOn, waitForCheckpoint } from './runtime-support';

const EVENTS = Number(process.env.HANDOFF_FAULT_EVENTS ?? 200_000);
const KILLS = 10;
jest.setTimeout(420_000);

const child = path.join(repoRoot(), 'dist', 'test', 'projections', 'support', 'projector-child.js');

describe(`projector killed with SIGKILL during a rebuild of ${EVENTS.toLocaleString('en-US')} events`, () => {
  let side: ReadSide;
  let head: { commit: bigint; prepare: bigint };
  let clean: Record<string, unknown[]>;
  const children = new Set<ChildProcess>();

  beforeAll(async () => {
    side = await startReadSide();
    let started = Date.now();
    head = await appendEvents(side.client, cartEvents(EVENTS, 5_000), 500);
    report(`seeded ${EVENTS} events in ${Date.now() - started} ms`);
    started = Date.now();
    const db = side.mongo.db('clean');
    const runtime = runtimeOn(side, [cartProjection()], { db });
    runtime.start();
    await waitForCheckpoint(db, 'carts', head, 300_000);
    await runtime.stop();
    clean = await activeSnapshot(db, 'carts');
    report(`clean single pass: ${Date.now() - started} ms, ${clean.carts!.length} carts, ${clean.skus!.length} skus`);
  });
  afterEach(() => {
    for (const running of children) running.kill('SIGKILL');
    children.clear();
  });
  afterAll(async () => {
    await side?.dispose();
  });

  const spawnProjector = (database: string, extra: NodeJS.ProcessEnv = {}) => {
    const running = spawn(process.execPath, [child], {
      env: { ...process.env, EVENTSTORE_CONNECTION_STRING: side.eventStore.connectionString, MONGODB_URI: side.readStore.uri, DATABASE: database, OWNER: 'crash-test', ...extra },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    children.add(running);
    const started = new Promise<void>((resolve) => running.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('started') && resolve()));
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    return { running, started, exited };
  };

  /** Registry with a built generation 1 (as if served for long), then a rebuild request: the child builds generation 2. */
  async function prepareRebuild(db: Db): Promise<number> {
    const store = new ProjectionStore(db);
    await store.ensureRegistered(cartProjection());
    const registry = (await store.findRegistry('carts'))!;
    await store.ensureTrack('carts', registry.active);
    await store.tracks.updateOne({ _id: `carts#${registry.active.generation}` }, { $set: { checkpointKey: positionKey(head), checkpoint: String(head.commit) } });
    return (await store.requestRebuild(cartProjection(), 'rebuild', 'crash-test')).generation;
  }

  async function rebuiltAndSwitched(db: Db, generation: number): Promise<boolean> {
    const store = new ProjectionStore(db);
    const registry = await store.findRegistry('carts');
    const track = await store.findTrack('carts', generation);
    return registry?.active.generation === generation && !!track && track.checkpointKey >= positionKey(head);
  }

  it(`leaves every collection identical to a clean build after ${KILLS} SIGKILLs`, async () => {
    const db = side.mongo.db('crashed');
    const generation = await prepareRebuild(db);
    const started = Date.now();
    let kills = 0;
    const progress: string[] = [];
    while (kills < KILLS) {
      const projector = spawnProjector('crashed');
      await projector.started;
      // At most 400 ms per life: even at 40k events/s, ten lives leave the rebuild unfinished.
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 350));
      if (await rebuiltAndSwitched(db, generation)) break;
      projector.running.kill('SIGKILL');
      await projector.exited;
      children.delete(projector.running);
      kills++;
      const track = await new ProjectionStore(db).findTrack('carts', generation);
      progress.push(`${track?.checkpoint ?? 'start'}`);
    }
    const last = spawnProjector('crashed');
    await waitUntil('the rebuild to finish and switch', () => rebuiltAndSwitched(db, generation), 300_000, 200);
    last.running.kill('SIGTERM');
    await last.exited;
    report(`${kills} SIGKILLs at checkpoints ${progress.join(', ')}; rebuilt and switched ${Date.now() - started} ms after the first start`);
    expect(kills).toBeGreaterThanOrEqual(KILLS);
    expect(await activeSnapshot(db, 'carts')).toEqual(clean);
  });

  it('leaves every collection identical to a clean build when a handler throws once and then succeeds', async () => {
    const db = side.mongo.db('flaky');
    const generation = await prepareRebuild(db);
    const started = Date.now();
    let kills = 0;
    for (; kills < 3; kills++) {
      const projector = spawnProjector('flaky', { FLAKY: '1' });
      await projector.started;
      await new Promise((resolve) => setTimeout(resolve, 500 + Math.random() * 1_500));
      projector.running.kill('SIGKILL');
      await projector.exited;
      children.delete(projector.running);
    }
    spawnProjector('flaky', { FLAKY: '1' });
    await waitUntil('the flaky rebuild to finish', () => rebuiltAndSwitched(db, generation), 300_000, 200);
    report(`flaky handler with ${kills} SIGKILLs: rebuilt ${Date.now() - started} ms`);
    expect(await activeSnapshot(db, 'carts')).toEqual(clean);
    expect(await new ProjectionStore(db).skips.countDocuments()).toBe(0);
  });
});

function report(line: string): void {
  process.stderr.write(`[projector-crash] ${line}\n`);
}
