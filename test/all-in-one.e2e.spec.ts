import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '@handoff/shared/compiled-path';
import { AllInOne, startAllInOne } from '../src/all-in-one';
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
    const main = runNode(mainJs, { HANDOFF_DATA_DIR: dataDir, PORT: '0', EMBEDDED_EVENTSTORE_PORT: '0', EMBEDDED_MONGODB_PORT: '0' });
    try {
      const embedded = await main.waitFor('embedded event store started');
      expect(embedded.dataDir).toBe(path.join(dataDir, 'eventstore'));
      const { url } = await main.waitFor('handoff listening');

      const health = await getHealth(url);
      expect(health.status).toBe(200);
      expect(health.body).toEqual({
        status: 'ok',
        eventStore: { status: 'up', latencyMs: expect.any(Number) },
        readStore: { status: 'up', latencyMs: expect.any(Number) },
        projections: expect.arrayContaining([{ name: 'stream-summaries', state: expect.stringMatching(/^(running|not-running)$/), checkpoint: null, lagEvents: expect.any(Number), lagSeconds: expect.any(Number) }]),
      });

      main.child.kill('SIGTERM');
      expect(await main.exited).toBe(0);
      expect(isAlive(embedded.pid)).toBe(false);
      expect(main.lines.filter((line) => line.notJson)).toEqual([]);
      for (const line of main.lines) expect(line).toEqual(expect.objectContaining({ time: expect.stringMatching(/Z$/), level: expect.any(String), msg: expect.any(String) }));
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

    it('answers 503 on /health once the event store is gone', async () => {
      const logs: string[] = [];
      running = await startAllInOne({ HANDOFF_DATA_DIR: dataDir, PORT: '0', EMBEDDED_EVENTSTORE_PORT: '0', EMBEDDED_MONGODB_PORT: '0' }, { logSink: (line) => logs.push(line) });
      expect((await getHealth(running.url)).status).toBe(200);

      await running.embeddedEventStore!.stop();

      const health = await getHealth(running.url);
      expect(health.status).toBe(503);
      expect(health.body).toEqual({ status: 'unavailable', eventStore: { status: 'down', error: expect.any(String) }, readStore: { status: 'up', latencyMs: expect.any(Number) }, projections: [] });
    });
  });
});
