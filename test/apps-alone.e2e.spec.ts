import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '@handoff/shared/compiled-path';
import { startTestReadStore } from './custody/support/embedded-read-store.fixture';
import { TestEventStore, startTestEventStore } from './support/embedded-event-store.fixture';
import { RunningNode, getHealth, runNode } from './support/run-node';

jest.setTimeout(60_000);

const entry = (app: 'api' | 'projector') => path.join(repoRoot(), 'dist', 'apps', app, 'src', 'main.js');

describe('api and projector deployed alone', () => {
  let store: TestEventStore;
  let readStore: Awaited<ReturnType<typeof startTestReadStore>>;
  const started: RunningNode[] = [];
  const run = (app: 'api' | 'projector', env: NodeJS.ProcessEnv) => {
    const running = runNode(entry(app), env);
    started.push(running);
    return running;
  };

  let keyringHome: string;

  beforeAll(async () => {
    [store, readStore] = await Promise.all([startTestEventStore(), startTestReadStore()]);
    keyringHome = await mkdtemp(path.join(os.tmpdir(), 'handoff-api-alone-'));
  });

  afterEach(() => {
    for (const running of started.splice(0)) running.child.kill('SIGKILL');
  });

  afterAll(async () => {
    await Promise.all([store?.dispose(), readStore?.dispose(), keyringHome && rm(keyringHome, { recursive: true, force: true })]);
  });

  it.each(['api', 'projector'] as const)('%s refuses to start without EVENTSTORE_CONNECTION_STRING, saying so', async (app) => {
    const running = run(app, { PORT: '0' });
    expect(await running.exited).toBe(1);
    expect(running.lines).toEqual([expect.objectContaining({ level: 'fatal', variables: ['EVENTSTORE_CONNECTION_STRING'] })]);
    expect(running.lines[0].msg).toContain(`run the ${app} alone`);
  });

  it('the api refuses to start without MONGODB_URI, saying so', async () => {
    const running = run('api', { EVENTSTORE_CONNECTION_STRING: store.connectionString, PORT: '0' });
    expect(await running.exited).toBe(1);
    expect(running.lines).toEqual([expect.objectContaining({ level: 'fatal', variables: ['MONGODB_URI'] })]);
  });

  it('the api serves /health from the given event store and exits cleanly on SIGTERM', async () => {
    // Its keyring (ADR 0011) goes to <HANDOFF_DATA_DIR>/keys: a temp dir, not the checkout.
    const api = run('api', { EVENTSTORE_CONNECTION_STRING: store.connectionString, MONGODB_URI: readStore.uri, PORT: '0', HANDOFF_DATA_DIR: keyringHome });
    const { url } = await api.waitFor('api listening');
    expect(await getHealth(url)).toEqual({
      status: 200,
      body: {
        status: 'ok',
        eventStore: { status: 'up', latencyMs: expect.any(Number) },
        readStore: { status: 'up', latencyMs: expect.any(Number) },
        projections: expect.arrayContaining([expect.objectContaining({ name: 'parcel-board' })]),
        reactions: ['hub-cycle-intake', 'pay-accruals', 'pay-ledger-postings'].map((name) => expect.objectContaining({ name, error: null })),
        integrity: expect.objectContaining({ findings: 0 }),
      },
    });
    api.child.kill('SIGTERM');
    expect(await api.exited).toBe(0);
  });

  it('the projector refuses to start without MONGODB_URI, saying so', async () => {
    const running = run('projector', { EVENTSTORE_CONNECTION_STRING: store.connectionString });
    expect(await running.exited).toBe(1);
    expect(running.lines).toEqual([expect.objectContaining({ level: 'fatal', variables: ['MONGODB_URI'] })]);
  });

  it('the projector connects, says it is ready, and runs the reactions', async () => {
    const projector = run('projector', { EVENTSTORE_CONNECTION_STRING: store.connectionString, MONGODB_URI: readStore.uri });
    const ready = await projector.waitFor('projector ready: event store reachable');
    expect(ready).toMatchObject({ level: 'info', context: 'Projector', attempt: 1 });
    expect(await projector.waitFor('reactions started')).toMatchObject({ reactions: ['hub-cycle-intake@v1', 'pay-accruals@v1', 'pay-ledger-postings@v1'] });
    projector.child.kill('SIGTERM');
    expect(await projector.exited).toBe(0);
  });
});
