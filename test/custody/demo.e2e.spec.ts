import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '@handoff/shared/compiled-path';
import { DemoSummary, formatSummary, runDemo } from '../../apps/cli/src/demo.command';
import { PAY_RATES, WAIVER_CAP_MINOR } from '../../apps/cli/src/demo-pay';
import { RunningNode, runNode } from '../support/run-node';

jest.setTimeout(90_000);

const mainJs = path.join(repoRoot(), 'dist', 'src', 'main.js');
const cliJs = path.join(repoRoot(), 'dist', 'apps', 'cli', 'src', 'main.js');
const run = promisify(execFile);

/** `npm run demo` against a fresh `npm start` (the all-in-one from dist, on temp data and free ports). */
describe('the demo day against a fresh all-in-one', () => {
  let dataDir: string;
  let main: RunningNode;
  let url: string;
  let adminKey: string;
  let demo: DemoSummary;
  const embeddedPids: number[] = [];

  const get = async (pathAndQuery: string) => {
    const response = await fetch(url + pathAndQuery, { headers: { authorization: `Bearer ${adminKey}` } });
    expect(response.status).toBe(200);
    return response.json() as Promise<any>;
  };
  const parcelIds = (page: { items: Array<{ parcelId: string }> }) => page.items.map((item) => item.parcelId).sort();

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'handoff-demo-e2e-'));
    main = runNode(mainJs, { HANDOFF_DATA_DIR: dataDir, PORT: '0', EMBEDDED_EVENTSTORE_PORT: '0', EMBEDDED_MONGODB_PORT: '0' });
    for (const started of ['embedded event store started', 'embedded read store started']) {
      const line = await main.waitFor(started);
      if (typeof line.pid === 'number') embeddedPids.push(line.pid);
    }
    url = (await main.waitFor('handoff listening')).url;
    adminKey = (await main.waitFor('bootstrap admin API key issued: shown once, store it now')).apiKey;
    expect(adminKey).toMatch(/^hk_/);
    demo = await runDemo({ url, adminKey, scale: 'small', concurrency: 16, timeoutMs: 60_000 });
  });

  afterAll(async () => {
    main?.child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const exited = await Promise.race([main?.exited, new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), 10_000)))]);
    clearTimeout(timer);
    if (exited === 'timeout') main.child.kill('SIGKILL');
    // The embedded servers exit with their parent; make sure of it before removing their data.
    for (const pid of embeddedPids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* already gone, as it should be */
      }
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  it('moves every parcel of the small day, with every special case, through the API only', () => {
    const { counts } = demo;
    // Any 5xx is logged with its cause; show it here so a failure names the bug, not just the status.
    expect(main.lines.filter((line) => line.level === 'error' || line.level === 'fatal')).toEqual([]);
    expect(counts).toMatchObject({ rural: 40, city: 62, ruralCycles: 1, withNeighbour: 1, returnedToDepot: 1, declinedOffers: 1, policyRefusals: 1, damaged: 1 });
    expect(counts.delivered + counts.stillOut + counts.withNeighbour + counts.returnedToDepot).toBe(counts.parcels);
    expect(counts.stillOut).toBeGreaterThan(0);
    expect(demo.cases.policyRefused.code).toBe('PARCEL.RECEIVER_NOT_ELIGIBLE');
    // A 404 is only ever a pay month polled before pay's reactions had recorded it.
    expect(demo.statuses).toEqual({ '200': expect.any(Number), '201': expect.any(Number), '422': 1, ...(demo.statuses['404'] ? { '404': expect.any(Number) } : {}) });
    expect(demo.curl.map((line) => line.command).join('\n')).toContain(`/parcels/${demo.cases.declined.parcelId}/custody-chain?asOf=${demo.cases.declined.asOf}`);
  });

  it("shows the city hub's one cycle over its cap of 55, its parcels beyond the cap flagged", async () => {
    const load = await get(`/hubs/${demo.ids.cityHub}/load`);
    expect(load.cycles).toEqual([expect.objectContaining({ cycleId: demo.ids.cityCycle, cap: 55, received: 62, overCap: 7, status: 'closed', closingCount: { received: 62, overCap: 7 } })]);
    const flagged = await get(`/parcels?flag=over-cap&hubId=${demo.ids.cityHub}&limit=100`);
    expect(parcelIds(flagged)).toEqual([...load.cycles[0].overCapParcelIds].sort());
    expect(flagged.items).toHaveLength(7);
    for (const parcel of flagged.items) expect(parcel.flags).toContain('over-cap');
    // The rural hub stayed under its cap: nothing flagged there.
    const rural = await get(`/hubs/${demo.ids.ruralHub}/load`);
    expect(rural.cycles).toEqual([expect.objectContaining({ cap: 55, received: 40, overCap: 0 })]);
  });

  it('has the neighbour holding the parcel left with them', async () => {
    const { parcelId, neighbourSubjectId } = demo.cases.neighbour;
    const held = await get(`/parcels?holder=neighbour:${neighbourSubjectId}`);
    expect(held.items).toEqual([expect.objectContaining({ parcelId, status: 'with-neighbour', holder: { kind: 'neighbour', id: neighbourSubjectId } })]);
  });

  it('lists a parcel as JSON, the same item its own GET shows with the recipient named by subject only', async () => {
    const { parcelId, neighbourSubjectId } = demo.cases.neighbour;
    const response = await fetch(`${url}/parcels?holder=neighbour:${neighbourSubjectId}`, { headers: { authorization: `Bearer ${adminKey}` } });
    expect([response.status, response.headers.get('content-type')]).toEqual([200, 'application/json; charset=utf-8']);
    const listed = (await response.json()) as { items: Record<string, unknown>[] };
    const parcel = await get(`/parcels/${parcelId}`);
    expect(listed).toEqual({ items: [{ ...parcel, recipient: { subjectId: parcel.recipient.subjectId } }] });
  });

  it("records the declined offer in that parcel's chain, then the re-offer accepted", async () => {
    const { parcelId, declinedBy, acceptedBy } = demo.cases.declined;
    const chain = await get(`/parcels/${parcelId}/custody-chain`);
    expect(chain.declinedOffers).toEqual([expect.objectContaining({ to: { kind: 'courier', id: declinedBy }, reason: expect.stringContaining('panniers') })]);
    expect(chain.flags).toContain('declined-offer');
    expect(chain.segments.map((segment: any) => segment.holder)).toEqual([
      { kind: 'retailer', id: expect.any(String) },
      { kind: 'hub', id: demo.ids.ruralHub },
      { kind: 'courier', id: acceptedBy },
    ]);
    expect(chain.segments.at(-1).ended).toMatchObject({ how: 'ParcelDelivered' });
  });

  it('flags the damaged parcel', async () => {
    const { parcelId, courierId } = demo.cases.damaged;
    const damaged = await get('/parcels?flag=damaged&limit=100');
    expect(parcelIds(damaged)).toEqual([parcelId]);
    expect(damaged.items[0]).toMatchObject({ condition: 'damaged', flags: expect.arrayContaining(['damaged']) });
    const chain = await get(`/parcels/${parcelId}/custody-chain`);
    expect(chain.incidents).toEqual([expect.objectContaining({ kind: 'damaged', reportedBy: { kind: 'courier', id: courierId } })]);
    // Taken in intact by the hub, accepted damaged from it: the change happened in the hub's custody.
    expect(chain.segments.find((segment: any) => segment.holder.kind === 'hub').flags).toContain('condition-changed');
  });

  it('answers the chain as of an earlier instant with an earlier holder', async () => {
    const { parcelId, asOf, holderAtAsOf, acceptedBy } = demo.cases.declined;
    const now = await get(`/parcels/${parcelId}/custody-chain`);
    const then = await get(`/parcels/${parcelId}/custody-chain?asOf=${asOf}`);
    expect(now.currentHolder).toBeNull();
    expect(now.segments.at(-1).holder).toEqual({ kind: 'courier', id: acceptedBy });
    expect(then).toMatchObject({ asOf, currentHolder: holderAtAsOf, declinedOffers: [] });
    expect(then.segments.at(-1)).toMatchObject({ holder: holderAtAsOf, to: null });
    expect(then.steps).toBeLessThan(now.steps);
  });

  it('leaves the last loop with a runner and the returned parcel at the depot', async () => {
    const { courierId, parcelIds: out } = demo.cases.stillOut;
    expect(parcelIds(await get(`/parcels?holder=courier:${courierId}&limit=100`))).toEqual([...out].sort());
    const depot = await get(`/parcels/${demo.cases.depot.parcelId}`);
    expect(depot).toMatchObject({ status: 'at-hub', holder: { kind: 'hub', id: demo.ids.ruralHub } });
  });

  it('runs again as `npm run demo` on the same store (new ids), and names HANDOFF_ADMIN_KEY when it is missing', async () => {
    const { HANDOFF_ADMIN_KEY: _unset, ...env } = process.env;
    const missing = await run(process.execPath, [cliJs, 'demo'], { env: { ...env, HANDOFF_URL: url } }).catch((error) => error);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('HANDOFF_ADMIN_KEY is required');

    const again = await run(process.execPath, [cliJs, 'demo'], { env: { ...env, HANDOFF_URL: url, HANDOFF_ADMIN_KEY: adminKey, DEMO_SCALE: 'small' }, timeout: 60_000 });
    expect(again.stdout).toMatch(/demo \S+ done in [\d.]+ s: [\d,]+ requests/);
    expect(again.stdout).not.toContain(demo.runId);
    expect(again.stdout).toContain('62 received against a cap of 55, 7 flagged over cap');
    // Every participant's statement line by line, the pay-equity report and coverage.
    expect(again.stdout).toMatch(/Priya Shah \(paid-courier\): 2 deliveries, \$12\.00; statement settled\n +delivery +\S+-pay-p\d+ +\$1\.80\n/);
    expect(again.stdout).toMatch(/dead-mile-top-up +\$8\.40/);
    expect(again.stdout).toContain('pay equity, rural hub');
    expect(again.stdout).toContain('not covered (revoked)');
    expect(again.stdout).toContain('/pay-statement?period=');
    const flagged = await get('/parcels?flag=damaged&limit=100');
    expect(flagged.items).toHaveLength(2);
  });

  describe('pay and waivers', () => {
    type Cash = { amountMinor: number; currency: string };
    const cashOf = (amounts: Array<{ amountMinor?: number; currency?: string }>) => amounts.filter((a) => a.currency !== undefined).reduce((sum, a) => sum + a.amountMinor!, 0);
    const ledgerOf = (participantId: string) => get(`/participants/${participantId}/pay-ledgers/${demo.pay.period}`);

    it("prints each participant's totals equal to the sum of their ledger's lines, parcel by parcel", async () => {
      expect(demo.pay.statements.map((s) => s.capacity).sort()).toEqual(['coordinator', 'gig-courier', 'paid-courier', 'paid-courier', 'paid-courier', 'paid-courier', 'volunteer', 'volunteer']);
      for (const statement of demo.pay.statements) {
        const ledger = await ledgerOf(statement.participantId);
        const accruals = Object.values(ledger.accruals) as Array<{ amount: Cash; parcelId: string | null }>;
        const adjustments = Object.values(ledger.adjustments) as Array<{ amount: Cash }>;
        const clawbacks = Object.values(ledger.clawbacks) as Array<{ amount: Cash }>;
        const ledgerCash = cashOf(accruals.map((a) => a.amount)) + cashOf(adjustments.map((a) => a.amount)) - cashOf(clawbacks.map((c) => c.amount));
        expect({ who: statement.name, cash: statement.cash.reduce((sum, c) => sum + c.amountMinor, 0) }).toEqual({ who: statement.name, cash: ledgerCash });
        expect({ who: statement.name, cash: cashOf(statement.lines.map((l) => l.amount)) }).toEqual({ who: statement.name, cash: ledgerCash });
        expect(statement.lines).toHaveLength(accruals.length + adjustments.length + clawbacks.length);
        // Every delivery is one printed line naming its parcel.
        expect(
          statement.lines
            .filter((l) => l.rule === 'delivery' || l.rule === 'volunteer-delivery-credit')
            .map((l) => l.parcelId)
            .sort(),
        ).toEqual(
          accruals
            .filter((a) => a.parcelId !== null && statement.capacity !== 'coordinator')
            .map((a) => a.parcelId)
            .sort(),
        );
        expect(statement.lines.filter((l) => l.parcelId !== null && statement.capacity !== 'coordinator')).toHaveLength(statement.deliveries);
      }
    });

    it('pays the rural runners $1.80 a package and at least the dead-mile minimum for their loop', async () => {
      expect(demo.pay.loops).toHaveLength(3);
      for (const loop of demo.pay.loops) {
        const statement = demo.pay.statements.find((s) => s.participantId === loop.participantId)!;
        const deliveries = statement.lines.filter((l) => l.rule === 'delivery');
        expect(deliveries.map((l) => l.amount)).toEqual(deliveries.map(() => ({ amountMinor: PAY_RATES.ruralPerDelivery, currency: 'USD' })));
        const earned = cashOf(statement.lines.map((l) => l.amount));
        expect(earned).toBeGreaterThanOrEqual(loop.minimumMinor);
        // Topped up exactly to the minimum when the deliveries paid less, never beyond.
        const fromDeliveries = deliveries.length * PAY_RATES.ruralPerDelivery;
        expect(earned).toBe(Math.max(fromDeliveries, loop.minimumMinor));
      }
    });

    it('pays walkers $1.20, gig drivers $6, volunteers in credits only, and the coordinator fees and a retainer adjustment', () => {
      const byName = (name: string) => demo.pay.statements.find((s) => s.name === name)!;
      const rates = (name: string) => [
        ...new Set(
          byName(name)
            .lines.filter((l) => l.rule === 'delivery')
            .map((l) => l.amount.amountMinor),
        ),
      ];
      expect(rates('Lena Fischer')).toEqual([PAY_RATES.walkerPerDelivery]);
      expect(rates('Kofi Mensah')).toEqual([PAY_RATES.gigPerDelivery]);
      for (const volunteer of ['Eileen Walsh', 'Ravi Menon']) {
        expect(byName(volunteer).cash).toEqual([]);
        expect(byName(volunteer).credits).toEqual([{ creditUnit: PAY_RATES.prioritySlotUnit, quantity: byName(volunteer).deliveries }]);
      }
      const dev = byName('Dev Patel');
      const fees = dev.lines.filter((l) => l.rule === 'handling-fee');
      expect(fees).toHaveLength(byName('Lena Fischer').deliveries + byName('Kofi Mensah').deliveries);
      expect(dev.lines.filter((l) => l.rule === 'before-noon-bonus')).toHaveLength(demo.pay.beforeNoon ? fees.length : 0);
      expect(dev.lines.filter((l) => l.kind === 'adjustment').map((l) => l.amount)).toEqual([{ amountMinor: PAY_RATES.coordinatorRetainer, currency: 'USD' }]);
      expect(demo.pay.statements[0].statementState).toBe('settled');
    });

    it("reports the rural hub's pay equity as the statements add up: paid beside volunteer", () => {
      const capacity = (name: string) => demo.pay.payEquity.hub.find((c: any) => c.capacity === name);
      const paidRunners = demo.pay.statements.filter((s) => demo.pay.loops.some((l) => l.participantId === s.participantId));
      expect(capacity('paid-courier')).toMatchObject({ deliveries: paidRunners.reduce((n, s) => n + s.deliveries, 0) });
      expect(cashOf(capacity('paid-courier').earned.cash)).toBe(paidRunners.reduce((n, s) => n + cashOf(s.cash), 0));
      expect(capacity('volunteer')).toMatchObject({ deliveries: 2, earned: { cash: [], credits: [{ creditUnit: PAY_RATES.prioritySlotUnit, quantity: 2 }] } });
      expect(formatSummary(demo).join('\n')).toContain('pay equity, rural hub');
    });

    it('covers a signer up to $200, and not the one whose waiver expired nor the one who revoked it', async () => {
      const [signer, expired, revoked] = demo.pay.coverage;
      expect(signer).toMatchObject({ covered: true, cap: { amountMinor: WAIVER_CAP_MINOR, currency: 'USD' } });
      expect(expired).toMatchObject({ participantId: demo.pay.waivers.expired, covered: false, reason: 'expired' });
      expect(revoked).toMatchObject({ participantId: demo.pay.waivers.revoked, covered: false, reason: 'revoked' });
      const timeline = await get(`/participants/${demo.pay.waivers.expired}/waivers/coverage/timeline`);
      expect(timeline.intervals).toEqual([expect.objectContaining({ endsBecause: 'expired' })]);
      const curl = demo.curl.map((line) => line.command).join('\n');
      expect(curl).toContain(`/participants/${demo.pay.statements[0].participantId}/pay-statement?period=${demo.pay.period}`);
      expect(curl).toContain(`/participants/${demo.pay.waivers.revoked}/waivers/coverage`);
    });
  });
});
