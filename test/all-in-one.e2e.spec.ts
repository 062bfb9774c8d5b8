import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '@handoff/shared/compiled-path';
import { AllInOne, startAllInOne } from '../src/all-in-one';
import { HUB_ADDRESS, ONE_HUB_NETWORK } from './support/one-hub-network';
import { getHealth, runNode } from './support/run-node';

jest.setTimeout(60_000);

const mainJs = path.join(repoRoot(), 'dist', 'src', 'main.js');

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('the all-in-one (npm start) over HTTP', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'handoff-e2e-'));
  });

  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts the embedded event store, serves /health green, logs JSON, and stops both on SIGTERM', async () => {
    const handoffDir = path.join(dataDir, 'new-data-dir');
    const main = runNode(mainJs, { HANDOFF_DATA_DIR: handoffDir, PORT: '0', EMBEDDED_EVENTSTORE_PORT: '0', EMBEDDED_MONGODB_PORT: '0' });
    try {
      const embedded = await main.waitFor('embedded event store started');
      expect(embedded.dataDir).toBe(path.join(handoffDir, 'eventstore'));
      const { url } = await main.waitFor('handoff listening');

      const health = await getHealth(url);
      expect(health.status).toBe(200);
      expect(health.body).toEqual({
        status: 'ok',
        eventStore: { status: 'up', latencyMs: expect.any(Number) },
        readStore: { status: 'up', latencyMs: expect.any(Number) },
        projections: expect.arrayContaining([
          { name: 'parcel-board', state: expect.stringMatching(/^(running|not-running)$/), checkpoint: null, lagEvents: expect.any(Number), lagSeconds: expect.any(Number) },
        ]),
        reactions: ['hub-cycle-intake', 'pay-accruals', 'pay-ledger-postings'].map((name) => ({
          name,
          state: expect.stringMatching(/^(running|not-running)$/),
          checkpoint: null,
          lagEvents: 0,
          lagSeconds: 0,
          error: null,
        })),
        integrity: expect.objectContaining({ state: expect.stringMatching(/^(verifying|verified)$/), findings: 0, failures: [] }),
      });

      main.child.kill('SIGTERM');
      expect(await main.exited).toBe(0);
      expect(isAlive(embedded.pid)).toBe(false);
      expect(main.lines.filter((line) => line.notJson)).toEqual([]);
      for (const line of main.lines) expect(line).toEqual(expect.objectContaining({ time: expect.stringMatching(/Z$/), level: expect.any(String), msg: expect.any(String) }));
      // the servers' generated passwords stay in their 0600 files, never in the log
      expect((await stat(handoffDir)).mode & 0o777).toBe(0o700);
      for (const server of ['eventstore', 'readstore']) {
        const { password } = JSON.parse(await readFile(path.join(handoffDir, server, 'credentials.json'), 'utf8'));
        expect(JSON.stringify(main.lines)).not.toContain(password);
      }
    } finally {
      main.child.kill('SIGKILL');
    }
  });

  it('refuses to start on a malformed variable, naming it', async () => {
    const main = runNode(mainJs, { HANDOFF_DATA_DIR: dataDir, PORT: 'eighty' });
    expect(await main.exited).toBe(1);
    expect(main.lines).toEqual([expect.objectContaining({ level: 'fatal', variables: ['PORT'], msg: expect.stringContaining('PORT must be an integer') })]);
  });

  describe('in process', () => {
    let running: AllInOne | undefined;

    afterEach(async () => {
      await running?.close();
      running = undefined;
    });

    it('runs the projector on its own thread, and a thread that dies is replaced and takes its leases at once', async () => {
      const logs: string[] = [];
      running = await startAllInOne({ HANDOFF_DATA_DIR: dataDir, PORT: '0', EMBEDDED_EVENTSTORE_PORT: '0', EMBEDDED_MONGODB_PORT: '0' }, { logSink: (line) => logs.push(line) });
      const thread = running.projectorThread!;
      const firstThread = thread.threadId;
      expect(firstThread).toBeGreaterThan(0);
      const adminKey = logs.map((line) => JSON.parse(line)).find((entry) => entry.apiKey)!.apiKey as string;
      const url = running.url;
      const call = async (method: string, path: string, key: string, body?: unknown) => {
        const response = await fetch(url + path, {
          method,
          headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
          body: body ? JSON.stringify(body) : undefined,
        });
        return { status: response.status, body: (await response.json()) as Record<string, any>, position: response.headers.get('x-handoff-position') };
      };
      for (const [path, body] of ONE_HUB_NETWORK) expect((await call('POST', path, adminKey, body)).status).toBe(201);
      const retailerKey = (await call('POST', '/api-keys', adminKey, { role: 'retailer', participantId: 'r-1' })).body.apiKey as string;
      /** Registers a parcel and reads it back through read-your-writes: only the projector thread can make that answer 200 (within 5 s). */
      const registeredAndProjected = async (parcelId: string) => {
        const registered = await call('POST', '/parcels', retailerKey, {
          parcelId,
          externalReference: parcelId,
          collectiveId: 'col-1',
          declaredValue: { amountMinor: 1_000, currency: 'GBP' },
          categories: [],
          destinationHubId: 'hub-1',
          recipient: { name: 'Ann Lister', address: HUB_ADDRESS, phone: '+44 7700 900123' },
        });
        expect(registered.status).toBe(201);
        return call('GET', `/parcels/${parcelId}?position=${encodeURIComponent(registered.position!)}`, retailerKey);
      };
      expect(await registeredAndProjected('p-before')).toMatchObject({ status: 200, body: { parcelId: 'p-before', status: 'registered' } });
      // Projection status over HTTP: for admins, every projection the thread runs.
      const status = await call('GET', '/projections', adminKey);
      expect(status.status).toBe(200);
      expect(status.body.projections.map((p: { name: string }) => p.name).sort()).toEqual([
        'custody-chain',
        'hub-load',
        'parcel-board',
        'pay-reports',
        'roster-board',
        'surge-offers',
        'waiver-coverage',
      ]);
      expect(status.body.projections.every((p: { state: string; lease: { held: boolean } }) => p.state === 'running' && p.lease.held)).toBe(true);
      // Beside them, every reaction the thread runs, with its lease and counts.
      expect(status.body.reactions).toEqual(
        ['hub-cycle-intake', 'pay-accruals', 'pay-ledger-postings'].map((name) =>
          expect.objectContaining({ name, version: 1, state: 'running', lease: expect.objectContaining({ held: true }), error: null }),
        ),
      );
      expect((await call('GET', '/projections', retailerKey)).status).toBe(403);

      await thread.crash();
      const restarted = Date.now();
      // The leases the dead thread held have 10 s to live; its successor shares its owner and takes them at
      // once, so the parcel is projected well before they would expire. A read-your-writes wait is 5 s, and
      // a loaded machine may need more than one for the new thread to start: ask again until 9 s have passed.
      let after = await registeredAndProjected('p-after');
      // (Asked again without the position: 404 until the new thread has projected it, then 200.)
      while (after.status !== 200 && Date.now() - restarted < 9_000) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        after = await call('GET', '/parcels/p-after', retailerKey);
      }
      expect(after).toMatchObject({ status: 200, body: { parcelId: 'p-after', status: 'registered' } });
      expect(Date.now() - restarted).toBeLessThan(10_000);
      expect(thread.threadId).not.toBe(firstThread);
      expect(logs.some((line) => line.includes('projector thread exited; starting it again'))).toBe(true);
    });

    it('answers 503 on /health once the event store is gone', async () => {
      const logs: string[] = [];
      running = await startAllInOne({ HANDOFF_DATA_DIR: dataDir, PORT: '0', EMBEDDED_EVENTSTORE_PORT: '0', EMBEDDED_MONGODB_PORT: '0' }, { logSink: (line) => logs.push(line) });
      expect((await getHealth(running.url)).status).toBe(200);

      await running.embeddedEventStore!.stop();

      const health = await getHealth(running.url);
      expect(health.status).toBe(503);
      expect(health.body).toEqual({
        status: 'unavailable',
        eventStore: { status: 'down', error: expect.any(String) },
        readStore: { status: 'up', latencyMs: expect.any(Number) },
        projections: [],
        reactions: [],
        integrity: null,
      });
    });
  });
});
