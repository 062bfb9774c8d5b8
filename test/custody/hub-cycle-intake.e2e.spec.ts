import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { EventStore } from '@handoff/eventstore';
import { AllInOne, startAllInOne } from '../../src/all-in-one';
import { httpCaller } from '../support/http-caller';
import { ONE_HUB_NETWORK, parcelInNetwork } from '../support/one-hub-network';
import { eventually } from '../support/eventually';

jest.setTimeout(90_000);

const intact = { condition: 'intact' };

/**
 * Hub-cycle intake end to end (ADR 0020), in the all-in-one as `npm start` runs it: parcels
 * received over HTTP naming a cycle are counted by the cycle, through the projector thread's
 * hub-cycle-intake reaction, exactly once each: a request repeated under its Idempotency-Key, a
 * rescan of a parcel already at the hub, and refused receives are never counted.
 */
describe('hub-cycle intake through the API and the reaction', () => {
  let dataDir: string;
  let running: AllInOne;
  const logs: string[] = [];
  const keys: Record<string, string> = {};

  const call = httpCaller(() => running.url);
  const receive = (parcelId: string, cycleId: string, headers: Record<string, string> = {}) =>
    call('POST', `/parcels/${parcelId}/receive-at-hub`, keys.coordinator!, { condition: intact, cycleId }, headers);
  const cycleEvents = async (cycleId: string) => (await running.app.get(EventStore).readStream(`hubcycle-${cycleId}`)).events;
  const load = async () => (await call('GET', '/hubs/hub-1/load', keys.admin!)).body.cycles.find((c: { cycleId: string }) => c.cycleId === 'cyc-1');

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'handoff-intake-'));
    running = await startAllInOne({ HANDOFF_DATA_DIR: dataDir, PORT: '0', EMBEDDED_EVENTSTORE_PORT: '0', EMBEDDED_MONGODB_PORT: '0' }, { logSink: (line) => logs.push(line) });
    keys.admin = logs.map((line) => JSON.parse(line)).find((entry) => entry.apiKey)!.apiKey as string;
    for (const [route, body] of ONE_HUB_NETWORK) expect((await call('POST', route, keys.admin, body)).status).toBe(201);
    expect((await call('PUT', '/hubs/hub-1/cycle-cap', keys.admin, { perCycleCap: 2 })).status).toBe(200);
    keys.retailer = (await call('POST', '/api-keys', keys.admin, { role: 'retailer', participantId: 'r-1' })).body.apiKey;
    keys.coordinator = (await call('POST', '/api-keys', keys.admin, { role: 'coordinator', participantId: 'co-1', hubId: 'hub-1' })).body.apiKey;
    for (const parcelId of ['p-1', 'p-2', 'p-3', 'p-4']) {
      const registered = await call('POST', '/parcels', keys.retailer!, parcelInNetwork(parcelId));
      expect(registered.status).toBe(201);
    }
    expect((await call('POST', '/hub-cycles', keys.coordinator!, { cycleId: 'cyc-1' })).status).toBe(201);
  });

  afterAll(async () => {
    await running?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('counts each received parcel once, flags the one over the cap, and never counts a repeat or a refusal', async () => {
    const first = await receive('p-1', 'cyc-1', { 'idempotency-key': 'scan-p-1' });
    expect(first).toMatchObject({ status: 200, body: { id: 'p-1', recorded: ['ParcelReceivedAtHub'] } });
    // The same request again under its key: the same answer, nothing appended.
    expect(await receive('p-1', 'cyc-1', { 'idempotency-key': 'scan-p-1' })).toMatchObject({ status: 200, body: first.body });
    // A rescan of a parcel the hub already holds: nothing recorded, so nothing to count.
    expect(await receive('p-1', 'cyc-1')).toMatchObject({ status: 200, body: { recorded: [] } });
    expect((await receive('p-2', 'cyc-1')).status).toBe(200);
    expect((await receive('p-3', 'cyc-1')).status).toBe(200);
    // Refused receives: a parcel that does not exist, a cycle never opened.
    expect((await receive('p-nowhere', 'cyc-1')).body).toMatchObject({ status: 404, code: 'PARCEL.NOT_FOUND' });
    expect((await receive('p-4', 'cyc-none')).body).toMatchObject({ status: 404, code: 'HUB_CYCLE.NOT_OPENED' });

    await eventually('the cycle to count three intakes', async () => (await load())?.received === 3, 20_000, 100);
    await eventually('the reaction to settle', async () => (await call('GET', '/health', keys.admin!)).body.reactions[0]?.lagEvents === 0, 20_000, 100);
    const counted = (await cycleEvents('cyc-1')).filter((event) => event.type === 'HubCycleParcelReceived').map((event) => event.data as { parcelId: string; intakeNumber: number; overCap: boolean });
    expect(counted.map(({ parcelId, intakeNumber, overCap }) => [parcelId, intakeNumber, overCap])).toEqual([
      ['p-1', 1, false],
      ['p-2', 2, false],
      ['p-3', 3, true],
    ]);
    expect((await cycleEvents('cyc-1')).filter((event) => event.type === 'HubCycleCapExceeded')).toHaveLength(1);
    expect(await load()).toMatchObject({ received: 3, overCap: 1, overCapParcelIds: ['p-3'] });
  });

  it("shows the over-cap flag on the parcel's board and chain, from the cycle's count", async () => {
    await eventually('the board to flag p-3', async () => (await call('GET', '/parcels?flag=over-cap', keys.admin!)).body.items?.length === 1, 20_000, 100);
    expect((await call('GET', '/parcels?flag=over-cap', keys.admin!)).body.items.map((item: { parcelId: string }) => item.parcelId)).toEqual(['p-3']);
    expect((await call('GET', '/parcels/p-3/custody-chain', keys.admin!)).body.flags).toContain('over-cap-cycle');
    expect((await call('GET', '/parcels/p-2/custody-chain', keys.admin!)).body.flags).not.toContain('over-cap-cycle');
  });

  it('reports the reaction beside the projections: running, caught up, what it did', async () => {
    const status = await call('GET', '/projections', keys.admin!);
    // Pay's reactions run beside it (they price the same intakes); this one is custody's.
    expect(status.body.reactions.map((reaction: { name: string }) => reaction.name)).toEqual(['hub-cycle-intake', 'pay-accruals', 'pay-ledger-postings']);
    expect(status.body.reactions.slice(0, 1)).toEqual([
      expect.objectContaining({
        name: 'hub-cycle-intake',
        version: 1,
        state: 'running',
        caughtUp: true,
        events: 3,
        commands: 3,
        refused: 0,
        lag: { events: 0, eventsAtLeast: false, seconds: 0 },
        error: null,
      }),
    ]);
    const metrics = await call('GET', '/metrics', keys.admin!);
    expect(metrics.text).toMatch(/handoff_reaction_events_total\{reaction="hub-cycle-intake"\} 3/);
    expect(metrics.text).toMatch(/handoff_reaction_commands_total\{reaction="hub-cycle-intake"\} 3/);
  });

  it('refuses a receive into the cycle once it is closed, and counts nothing more', async () => {
    expect((await call('POST', '/hub-cycles/cyc-1/close', keys.coordinator!, {})).body).toMatchObject({ recorded: ['HubCycleClosed'] });
    expect((await receive('p-4', 'cyc-1')).body).toMatchObject({ status: 409, code: 'HUB_CYCLE.CLOSED' });
    expect((await cycleEvents('cyc-1')).at(-1)!.data).toMatchObject({ parcelsReceived: 3, parcelsOverCap: 1 });
  });
});
