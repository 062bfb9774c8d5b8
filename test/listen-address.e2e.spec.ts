import { mkdtemp, rm } from 'node:fs/promises';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '@handoff/shared/compiled-path';
import { RunningNode, getHealth, runNode } from './support/run-node';

jest.setTimeout(60_000);

const mainJs = path.join(repoRoot(), 'dist', 'src', 'main.js');

/** An address of this machine that is not loopback: where a neighbour on the network would connect. */
const externalAddress = Object.values(os.networkInterfaces())
  .flat()
  .find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address;

const connects = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, host);
    socket.once('connect', () => resolve(true));
    socket.once('error', () => resolve(false));
    socket.setTimeout(2_000, () => resolve(false));
  }).finally(() => undefined);

// Without a non-loopback interface there is nothing to tell "loopback only" from "everywhere".
(externalAddress ? describe : describe.skip)('where the all-in-one listens (HOST)', () => {
  let dataDir: string;
  let main: RunningNode | undefined;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'handoff-host-'));
  });

  afterEach(async () => {
    main?.child.kill('SIGKILL');
    if (main) await main.exited;
    main = undefined;
    await rm(dataDir, { recursive: true, force: true });
  });

  const start = async (env: NodeJS.ProcessEnv) => {
    main = runNode(mainJs, { HANDOFF_DATA_DIR: dataDir, PORT: '0', EMBEDDED_EVENTSTORE_PORT: '0', EMBEDDED_MONGODB_PORT: '0', ...env });
    return main.waitFor('handoff listening');
  };

  it('binds loopback by default, and logs that address', async () => {
    const listening = await start({});
    const port = Number(new URL(listening.url).port);
    expect(listening).toMatchObject({ address: `127.0.0.1:${port}`, url: `http://127.0.0.1:${port}` });
    expect((await getHealth(listening.url)).status).toBe(200);
    expect(await connects(externalAddress!, port)).toBe(false);
  });

  it('binds every interface when HOST=0.0.0.0 (the Docker image), and logs that', async () => {
    const listening = await start({ HOST: '0.0.0.0' });
    const port = Number(new URL(listening.url).port);
    expect(listening).toMatchObject({ address: `0.0.0.0:${port}`, url: `http://127.0.0.1:${port}` });
    expect((await getHealth(`http://${externalAddress}:${port}`)).status).toBe(200);
  });
});
