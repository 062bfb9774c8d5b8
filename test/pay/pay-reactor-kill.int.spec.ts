/**
 * The pay fault test (issue 19 §2, ADR 0026): deliveries appended as custody records them, the pay
 * reactor process (accruals, and their postings to the ledgers) killed with SIGKILL at random
 * moments at least 10 times, then left to finish. Every ledger's cash and credits must then equal
 * an oracle recomputed here from the seeded facts alone (its own rate-card choice, surge, local
 * noon and retainer rules, not the calculator): nothing paid twice, nothing lost. Meanwhile admins
 * hold parcels' pay and release some: every hold left in place must reach every ledger holding its
 * parcel's pay and keep it back, and no released hold may hold anything.
 *
 * PAY_FAULT_DELIVERIES sets the count; PAY_FAULT_KILLS the kills (default 12). The suite runs
 * 20,000: on 2 shared cores the reactor prices and posts ~300 deliveries a second (three commands
 * and a read each), so the issue's 200,000 take over ten minutes; run them with
 * `PAY_FAULT_DELIVERIES=200000 npx jest test/pay/pay-reactor-kill` (figures: docs/benchmarks.md).
 */
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { CommandDispatcher } from '@handoff/commands';
import { AggregateRepository, EventStore } from '@handoff/eventstore';
import { ParticipantDirectory } from '@handoff/participants';
import { isHeld, payHandlings, payLedgerDecider, PayRecords, type LedgerEvent, type PayLedger } from '@handoff/pay';
import { Metrics } from '@handoff/shared';
import { positionKey } from '@handoff/projections';
import { seededRandom } from '../../bench/seeded-random';
import { eventually } from '../support/eventually';
import { killAfter, useReactorHarness } from '../support/reactor-launcher';
import { COLLECTIVE, COLLECTIVE_VERSIONS, HUB_CARD, HUBS_WITH_CARDS, networkOf, seedContext, seedNetwork, SURGE, SURGE_HUB, type Figures, type Network } from './support/pay-network';

const DELIVERIES = Number(process.env.PAY_FAULT_DELIVERIES ?? 20_000);
const KILLS = Number(process.env.PAY_FAULT_KILLS ?? 12);
const PERIODS = ['2027-01', '2027-02'];
const FIRST = Date.parse('2027-01-01T06:00:00.000Z');
const LAST = Date.parse('2027-02-28T18:00:00.000Z');
const HOUR = 3_600_000;
jest.setTimeout(30 * 60_000);

const REACTOR = path.resolve(__dirname, '../../dist/test/support/pay-reactor-process.js');

/** One parcel's journey as seeded: who delivered it, when, and through which hub. */
interface Journey {
  parcelId: string;
  deliveredAt: number;
  hub: Network['hubs'][number] | null;
  deliverer: { kind: 'courier'; id: string; engagement: 'paid' | 'gig' | 'volunteer'; claimed: boolean } | { kind: 'hub'; id: string };
}

/** Expected totals of one ledger: cash in cents, credits by unit, and how many lines. */
type Totals = { cash: number; credits: Record<string, number>; lines: number };

/** The pay oracle: the rules of ADR 0023/0026 written again, plainly, from the seeded facts. */
function oracle(journeys: Journey[]): Map<string, Totals> {
  const ledgers = new Map<string, Totals>();
  const add = (participantId: string, at: number, cash: number, credit?: [string, number]) => {
    const key = `${participantId}|${new Date(at).toISOString().slice(0, 7)}`;
    const totals = ledgers.get(key) ?? { cash: 0, credits: {}, lines: 0 };
    totals.cash += cash;
    if (credit) totals.credits[credit[0]] = (totals.credits[credit[0]] ?? 0) + credit[1];
    totals.lines++;
    ledgers.set(key, totals);
  };
  // The hub's own card when it has one in effect, else the collective's version in effect.
  const figuresAt = (hubId: string | null, at: number): { figures: Figures; surge: boolean } => {
    if (hubId && HUBS_WITH_CARDS.has(hubId) && at >= Date.parse(HUB_CARD.effectiveFrom)) return { figures: HUB_CARD.figures, surge: false };
    const version = [...COLLECTIVE_VERSIONS].reverse().find((v) => Date.parse(v.effectiveFrom) <= at)!;
    return { figures: version.figures, surge: true };
  };
  const premium = (rate: number, hubId: string | null, at: number, surge: boolean) =>
    surge && hubId === SURGE_HUB && at >= SURGE.from && at < SURGE.until ? Math.round((rate * (SURGE.multiplierBasisPoints - 10_000)) / 10_000 + 1e-9) : 0;
  const retained = new Set<string>();
  for (const journey of journeys) {
    const hubId = journey.hub?.hubId ?? null;
    const at = journey.deliveredAt;
    const { figures, surge } = figuresAt(hubId, at);
    const cash = (rate: number) => {
      add(journey.deliverer.id, at, rate);
      const extra = premium(rate, hubId, at, surge);
      if (extra > 0) add(journey.deliverer.id, at, extra);
    };
    if (journey.deliverer.kind === 'hub') cash(figures.hub);
    else if (journey.deliverer.engagement === 'paid' || journey.deliverer.claimed) cash(figures.paid);
    else if (journey.deliverer.engagement === 'gig') cash(figures.gig);
    else if (figures.slot > 0) add(journey.deliverer.id, at, 0, ['priority-slot', figures.slot]);
    if (!journey.hub) continue;
    const { coordinatorId, offsetHours } = journey.hub;
    const localHour = Math.floor(((((at + offsetHours * HOUR) % (24 * HOUR)) + 24 * HOUR) % (24 * HOUR)) / HOUR);
    if (localHour < 12) add(coordinatorId, at, figures.bonus);
    const intakeAt = at - 2 * HOUR;
    add(coordinatorId, intakeAt, figuresAt(hubId, intakeAt).figures.fee);
    const month = new Date(intakeAt).toISOString().slice(0, 7);
    if (!retained.has(`${coordinatorId}|${month}`)) {
      retained.add(`${coordinatorId}|${month}`);
      add(coordinatorId, intakeAt, figuresAt(hubId, Date.parse(`${month}-01T00:00:00.000Z`)).figures.retainer);
    }
  }
  return ledgers;
}

describe(`the pay reactor, killed ${KILLS} times during ${DELIVERIES} deliveries`, () => {
  const harness = useReactorHarness(REACTOR, 'pay-kill');
  const startReactor = (owner: string) => harness.startReactor(owner);

  it('leaves every ledger with exactly the cash and credits the oracle computes from the deliveries, and every hold where it belongs', async () => {
    const started = Date.now();
    const random = seededRandom(19_002);
    const store = harness.module.get(EventStore);
    const tag = randomUUID().slice(0, 6);
    const network = networkOf({ hubs: 60, paid: 300, gig: 100, volunteers: 200 }, tag);
    await seedNetwork(store, network);
    const byEngagement = (engagement: string) => network.couriers.filter((c) => c.engagement === engagement);
    const [paid, gig, volunteers] = [byEngagement('paid'), byEngagement('gig'), byEngagement('volunteer')];
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

    const journeys: Journey[] = [];
    for (let i = 0; i < DELIVERIES; i++) {
      const deliveredAt = FIRST + Math.floor(random() * (LAST - FIRST));
      const hub = random() < 0.3 ? pick(network.hubs) : null;
      const roll = random();
      const courier = roll < 0.4 ? pick(paid) : roll < 0.6 ? pick(gig) : roll < 0.8 ? pick(volunteers) : null;
      const deliverer: Journey['deliverer'] = courier
        ? { kind: 'courier', id: courier.courierId, engagement: courier.engagement, claimed: courier.engagement === 'volunteer' && random() < 0.1 }
        : { kind: 'hub', id: (hub ?? pick(network.hubs)).hubId };
      journeys.push({ parcelId: `p-${i}-${tag}`, deliveredAt, hub, deliverer });
    }

    // Surge claims first (rosters' facts), then each parcel's custody facts, as custody records them.
    const iso = (ms: number) => new Date(ms).toISOString();
    const claims = journeys.filter((j) => j.deliverer.kind === 'courier' && j.deliverer.claimed);
    let lastKey = '';
    const appendAll = async (batch: [string, { type: string; data: object }[]][]) => {
      const results = await Promise.all(batch.map(([stream, events]) => store.append(stream, events, { expectedRevision: 'no_stream', context: seedContext })));
      for (const { position } of results) if (position && positionKey(position) > lastKey) lastKey = positionKey(position);
    };
    for (let i = 0; i < claims.length; i += 32) {
      await appendAll(
        claims.slice(i, i + 32).map((j) => [
          `surgeoffer-${j.parcelId}`,
          [
            {
              type: 'SurgeDeliveryClaimed',
              data: {
                offerId: `offer-${j.parcelId}`,
                windowId: 'january-rush',
                hubId: SURGE_HUB,
                blockId: 'block-1',
                parcelId: j.parcelId,
                participantId: j.deliverer.id,
                claimedAt: iso(j.deliveredAt - 3 * HOUR),
              },
            },
          ],
        ]),
      );
    }
    const custodyFacts = (j: Journey): { type: string; data: object }[] => [
      {
        type: 'ParcelRegistered',
        data: {
          parcelId: j.parcelId,
          retailerId: 'r-1',
          externalReference: j.parcelId,
          collectiveId: COLLECTIVE,
          declaredValue: { amountMinor: 2_000, currency: 'USD' },
          categories: [],
          destinationHubId: 'hub-0',
          recipient: { subjectId: `s-${j.parcelId}` },
          registeredAt: iso(j.deliveredAt - 5 * HOUR),
        },
      },
      ...(j.hub
        ? [
            {
              type: 'ParcelReceivedAtHub',
              data: { parcelId: j.parcelId, hubId: j.hub.hubId, from: { kind: 'retailer', id: 'r-1' }, condition: { condition: 'intact' }, cycle: null, receivedAt: iso(j.deliveredAt - 2 * HOUR) },
            },
            { type: 'ParcelSorted', data: { parcelId: j.parcelId, hubId: j.hub.hubId, toteId: 'tote-1', routeId: `route-${j.hub.hubId}`, sortedAt: iso(j.deliveredAt - HOUR) } },
          ]
        : []),
      {
        type: 'ParcelDelivered',
        data: {
          parcelId: j.parcelId,
          deliveredBy: { kind: j.deliverer.kind, id: j.deliverer.id },
          receivedBy: { kind: 'recipient' },
          evidence: [],
          geo: { lat: 53.74, lng: -2.01 },
          deliveredAt: iso(j.deliveredAt),
        },
      },
    ];
    const seedStarted = Date.now();
    const firstBatch = async (from: number, to: number) => {
      for (let i = from; i < to; i += 64) await appendAll(journeys.slice(i, Math.min(i + 64, to)).map((j) => [`parcel-${j.parcelId}`, custodyFacts(j)]));
    };
    // The reactor starts working while the rest is still being recorded, as in production.
    await firstBatch(0, Math.min(DELIVERIES, 20_000));
    const seeding = firstBatch(Math.min(DELIVERIES, 20_000), DELIVERIES).then(() => process.stderr.write(`pay fault test: ${DELIVERIES} deliveries recorded in ${Date.now() - seedStarted} ms\n`));

    const record = (id: string) =>
      harness.mongo.db(harness.dbName).collection<{ _id: string; events: number; caughtUp: boolean; checkpointKey: string; error: unknown }>('reactions').findOne({ _id: id });
    const accrualsStarted = Date.now();
    // Meanwhile admins hold parcels' pay (delivered, being priced, or not yet recorded) and release some.
    const repository = harness.module.get(AggregateRepository);
    const payDispatcher = new CommandDispatcher(repository, new Metrics({ defaultMetrics: false })).register(
      ...payHandlings(new PayRecords(repository, store, new ParticipantDirectory(repository)), { secondApprovalAboveMinor: 50_000, currency: 'USD' }),
    );
    const asAdmin = (type: string, data: object) =>
      payDispatcher.dispatch({ type, data, metadata: { actor: { role: 'admin', id: 'admin-1' }, now: new Date().toISOString(), correlationId: 'holds', causationId: 'holds' } });
    const holds = new Map<string, { parcelId: string; released: boolean }>();
    const holdRandom = seededRandom(19_003);
    let holding = true;
    const holder = (async () => {
      for (let round = 0; holding && round < 400; round++) {
        for (let i = 0; i < 5; i++) {
          const { parcelId } = journeys[Math.floor(holdRandom() * journeys.length)]!;
          await asAdmin('HoldParcelPay', { parcelId, holdId: `hold-${round}-${i}`, reason: 'The recipient disputes the delivery' });
          holds.set(`hold-${round}-${i}`, { parcelId, released: false });
        }
        for (const [holdId, hold] of holds) {
          if (hold.released || holdRandom() > 0.04) continue;
          await asAdmin('ReleaseParcelPay', { parcelId: hold.parcelId, holdId });
          hold.released = true;
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    })();
    for (let kill = 1; kill <= KILLS; kill++) {
      const child = await startReactor(`reactor-${kill}`);
      await killAfter(child, 3_000 + random() * 7_000);
    }
    await seeding;
    holding = false;
    await holder;
    const progressAtLastKill = (await record('pay-accruals@v1'))?.events ?? 0;
    expect(progressAtLastKill).toBeGreaterThan(0);
    // The accruals react to deliveries, intakes and surge claims: the kills must land before it has seen them all.
    const sourceEvents = journeys.length + journeys.filter((j) => j.hub).length + claims.length;
    expect(progressAtLastKill).toBeLessThan(sourceEvents);
    await startReactor('reactor-final');
    await eventually(
      'the accruals to catch up',
      async () => {
        const now = await record('pay-accruals@v1');
        return !!now?.caughtUp && now.checkpointKey >= lastKey;
      },
      25 * 60_000,
      500,
    );
    // A hold on a parcel with no pay marks the end of the parcels' pay streams for the postings.
    const marker = await store.append(
      `payparcel-end-${tag}`,
      [{ type: 'ParcelPayHoldPlaced', data: { parcelId: `end-${tag}`, holdId: 'end', reason: 'end of the test', placedBy: 'test', placedAt: iso(Date.now()), ledgers: [] } }],
      { expectedRevision: 'no_stream', context: seedContext },
    );
    const endKey = positionKey(marker.position!);
    await eventually(
      'the postings to catch up',
      async () => {
        const now = await record('pay-ledger-postings@v1');
        return !!now?.caughtUp && now.checkpointKey >= endKey;
      },
      25 * 60_000,
      500,
    );
    const elapsed = Date.now() - accrualsStarted;
    process.stderr.write(
      `pay fault test: ${progressAtLastKill} deliveries priced at the last kill; all ${DELIVERIES} priced and posted ${elapsed} ms after the first reactor started (${Math.round((DELIVERIES * 1000) / elapsed)} deliveries/s with ${KILLS} kills); whole test ${Date.now() - started} ms\n`,
    );

    // Every ledger the network could have, read back and summed; the oracle's, computed apart.
    const expected = oracle(journeys);
    const participants = [...network.couriers.map((c) => c.courierId), ...network.hubs.flatMap((h) => [h.hubId, h.coordinatorId])];
    const actual = new Map<string, Totals>();
    const ledgers: PayLedger[] = [];
    let twice = 0;
    for (let i = 0; i < participants.length; i += 16) {
      await Promise.all(
        participants.slice(i, i + 16).flatMap((participantId) =>
          PERIODS.map(async (period) => {
            const { events } = await store.readStream<LedgerEvent>(`payledger-${participantId}-${period}`);
            ledgers.push(events.reduce((state, event) => payLedgerDecider.evolve(state, { type: event.type, data: event.data } as LedgerEvent), payLedgerDecider.initialState()));
            const accruals = events.filter((e) => e.type === 'AccrualRecorded').map((e) => e.data as { accrualId: string; amount: { amountMinor?: number; creditUnit?: string; quantity?: number } });
            if (accruals.length === 0) return;
            twice += accruals.length - new Set(accruals.map((a) => a.accrualId)).size;
            const totals: Totals = { cash: 0, credits: {}, lines: accruals.length };
            for (const { amount } of accruals) {
              if (amount.creditUnit) totals.credits[amount.creditUnit] = (totals.credits[amount.creditUnit] ?? 0) + amount.quantity!;
              else totals.cash += amount.amountMinor!;
            }
            actual.set(`${participantId}|${period}`, totals);
          }),
        ),
      );
    }
    expect(twice).toBe(0);
    const differences = [...new Set([...expected.keys(), ...actual.keys()])].filter((key) => JSON.stringify(expected.get(key)) !== JSON.stringify(actual.get(key)));
    expect(differences.slice(0, 5).map((key) => ({ key, expected: expected.get(key), actual: actual.get(key) }))).toEqual([]);
    expect(actual.size).toBe(expected.size);

    // Every hold still in place reaches every ledger holding its parcel's pay and keeps that pay back; no released hold holds anything.
    const problems: string[] = [];
    let heldPay = 0;
    for (const ledger of ledgers) {
      if (ledger.status !== 'open') continue;
      for (const accrual of ledger.accruals.values()) {
        if (accrual.parcelId === null) continue;
        for (const [holdId, hold] of holds) {
          if (hold.parcelId !== accrual.parcelId) continue;
          const inLedger = ledger.holds[holdId];
          if (!hold.released && !(inLedger?.active && isHeld(ledger, accrual))) problems.push(`${accrual.accrualId} in ${ledger.participantId}'s ${ledger.period} is not held by ${holdId}`);
          if (hold.released && inLedger?.active) problems.push(`${holdId}, released, still holds ${ledger.participantId}'s ${ledger.period}`);
          if (!hold.released) heldPay++;
        }
      }
    }
    expect(problems.slice(0, 5)).toEqual([]);
    expect(heldPay).toBeGreaterThan(0);
    process.stderr.write(`pay fault test: ${holds.size} holds placed (${[...holds.values()].filter((h) => h.released).length} released), ${heldPay} accruals checked held\n`);
    expect((await record('pay-accruals@v1'))!.error).toBeNull();
    expect((await record('pay-ledger-postings@v1'))!.error).toBeNull();
  });
});
