/**
 * A day in the network, told through the public HTTP API: participants registered by the admin,
 * parcels registered by retailers, taken in by hub coordinators in cycles, sorted into loops,
 * handed to runners, delivered — with the jagged edges (a declined offer, a refusal by the
 * collective's policy, a damaged power tool, a neighbour, a return to depot, a hub over its cap).
 * Every id carries the run's prefix, so the demo can run again on the same store.
 */
import { DemoHttp } from './demo-http';
import { CITY_COURIERS, CURRENCY, HUB_CYCLE_CAP, HUB_TIME_ZONE, HUBS, LOOPS, POLICY_THRESHOLD_MINOR, RETAILERS, RURAL_RUNNERS, evidence, jitter, parcelGoods, recipient } from './demo-cast';

export type DemoScale = 'full' | 'small';
export const RURAL_PARCELS: Record<DemoScale, number> = { full: 470, small: 40 };
/** One cycle, seven over the cap: what breaks routes when volume spikes. */
export const CITY_PARCELS = 62;

type Special = 'declined' | 'policy-refused' | 'damaged' | 'neighbour' | 'depot' | 'still-out';

interface PlannedParcel {
  parcelId: string;
  index: number;
  hub: 'rural' | 'city';
  retailerKey: string;
  courierKey: string;
  routeId: string;
  toteId: string;
  special?: Special;
  goods: ReturnType<typeof parcelGoods>;
}

export interface DemoDayResult {
  runId: string;
  ids: { ruralHub: string; cityHub: string; cityCycle: string; collective: string; couriers: Record<string, string> };
  counts: {
    parcels: number;
    rural: number;
    city: number;
    ruralCycles: number;
    delivered: number;
    stillOut: number;
    withNeighbour: number;
    returnedToDepot: number;
    declinedOffers: number;
    policyRefusals: number;
    damaged: number;
  };
  cases: {
    declined: { parcelId: string; declinedBy: string; acceptedBy: string; asOf: string; holderAtAsOf: { kind: 'hub'; id: string } };
    policyRefused: { parcelId: string; refusedFor: string; code: string };
    damaged: { parcelId: string; courierId: string };
    neighbour: { parcelId: string; neighbourSubjectId: string };
    depot: { parcelId: string };
    stillOut: { courierId: string; parcelIds: string[] };
  };
  lastPosition: string | null;
}

const MINUTE = 60_000;
const intact = { condition: 'intact' as const };

export class DemoDay {
  private readonly keys = new Map<string, string>();
  private readonly t0: number;
  private lastPosition: string | null = null;
  private readonly counts = { delivered: 0, stillOut: 0, withNeighbour: 0, returnedToDepot: 0, declinedOffers: 0, policyRefusals: 0, damaged: 0 };
  private readonly found: Partial<DemoDayResult['cases']> = {};

  constructor(
    private readonly http: DemoHttp,
    private readonly adminKey: string,
    private readonly runId: string,
    private readonly scale: DemoScale,
    private readonly log: (line: string) => void,
    now = Date.now(),
  ) {
    // The day started eleven hours ago: every event carries its own domain time (`occurredAt`), so
    // the chain reads like a day's work and `?asOf=` has earlier instants to look at.
    this.t0 = Math.floor(now / MINUTE) * MINUTE - 11 * 60 * MINUTE;
  }

  id = (name: string) => `${this.runId}-${name}`;
  private at = (offsetMs: number) => new Date(this.t0 + offsetMs).toISOString().replace(/\.\d{3}Z$/, 'Z');

  async run(): Promise<DemoDayResult> {
    await this.cast();
    const rural = this.planRural();
    const city = this.planCity();
    await Promise.all([this.ruralDay(rural), this.cityDay(city)]);
    const stillOut = rural.filter((p) => p.special === 'still-out');
    const cases = this.found as DemoDayResult['cases'];
    cases.stillOut = { courierId: this.id(stillOut[0].courierKey), parcelIds: stillOut.filter((p) => p.courierKey === stillOut[0].courierKey).map((p) => p.parcelId) };
    return {
      runId: this.runId,
      ids: {
        ruralHub: this.id(HUBS.rural.key),
        cityHub: this.id(HUBS.city.key),
        cityCycle: this.id('city-cycle-1'),
        collective: this.id('collective'),
        couriers: Object.fromEntries([...RURAL_RUNNERS, ...CITY_COURIERS].map((c) => [c.displayName, this.id(c.key)])),
      },
      counts: { parcels: rural.length + city.length, rural: rural.length, city: city.length, ruralCycles: Math.ceil(rural.length / HUB_CYCLE_CAP), ...this.counts },
      cases,
      lastPosition: this.lastPosition,
    };
  }

  /** When the day's stated times begin. */
  get startedAt(): string {
    return this.at(0);
  }

  /** The `$all` position of the latest command, for read-your-writes. */
  get position(): string | null {
    return this.lastPosition;
  }

  /** Sends one command as the participant `who` (or the admin) and remembers the latest `$all` position. */
  async command(who: string | 'admin', path: string, body: Record<string, unknown>, step: string, expected?: number[]) {
    const key = who === 'admin' ? this.adminKey : this.keys.get(who)!;
    const answer = await this.http.call(key, 'POST', path, body, { expected, idempotencyKey: `${this.runId}:${step}` });
    if (answer.position) this.lastPosition = answer.position;
    return answer;
  }

  private async cast(): Promise<void> {
    const admin = (path: string, body: Record<string, unknown>) => this.command('admin', path, body, `register:${body.participantId}`);
    const couriers = [...RURAL_RUNNERS, ...CITY_COURIERS];
    await Promise.all([
      ...RETAILERS.map((r) => admin('/retailers', { participantId: this.id(r.key), displayName: r.displayName })),
      ...[HUBS.rural, HUBS.city].map((h) => admin('/coordinators', { participantId: this.id(h.coordinator.key), displayName: h.coordinator.displayName })),
      ...couriers.map((c) => admin('/couriers', { participantId: this.id(c.key), displayName: c.displayName, engagement: c.engagement, vetting: c.vetting })),
    ]);
    await Promise.all([
      ...[HUBS.rural, HUBS.city].map((h) =>
        admin('/hubs', {
          participantId: this.id(h.key),
          displayName: h.displayName,
          address: h.address,
          timeZone: HUB_TIME_ZONE,
          operatingCoordinatorId: this.id(h.coordinator.key),
          perCycleCap: HUB_CYCLE_CAP,
        }),
      ),
      admin('/collectives', {
        participantId: this.id('collective'),
        displayName: 'Champlain Valley Retail Collective',
        memberRetailerIds: RETAILERS.map((r) => this.id(r.key)),
        policy: { declaredValueThreshold: { amountMinor: POLICY_THRESHOLD_MINOR, currency: CURRENCY }, waiverRequired: false },
      }),
    ]);
    const grants: Array<[string, Record<string, string>]> = [
      ...RETAILERS.map((r): [string, Record<string, string>] => [r.key, { role: 'retailer', participantId: this.id(r.key) }]),
      ...[HUBS.rural, HUBS.city].map((h): [string, Record<string, string>] => [h.coordinator.key, { role: 'coordinator', participantId: this.id(h.coordinator.key), hubId: this.id(h.key) }]),
      ...couriers.map((c): [string, Record<string, string>] => [c.key, { role: 'courier', participantId: this.id(c.key) }]),
    ];
    await Promise.all(
      grants.map(async ([who, grant]) => {
        const issued = await this.http.call(this.adminKey, 'POST', '/api-keys', grant, { expected: [201] });
        this.keys.set(who, issued.body.apiKey);
      }),
    );
    this.log(`cast: ${RETAILERS.length} retailers in one collective, 2 hubs, 2 coordinators, ${couriers.length} couriers, ${grants.length} API keys`);
  }

  private planRural(): PlannedParcel[] {
    const count = RURAL_PARCELS[this.scale];
    const parcels: PlannedParcel[] = Array.from({ length: count }, (_, index) => {
      const loop = LOOPS[index % LOOPS.length];
      const goods = parcelGoods(index);
      const courierKey = goods.restricted || !loop.volunteer || index % 2 === 0 ? loop.paid : loop.volunteer;
      const cycle = Math.floor(index / HUB_CYCLE_CAP) + 1;
      return {
        parcelId: this.id(`rural-p${String(index + 1).padStart(4, '0')}`),
        index,
        hub: 'rural',
        retailerKey: goods.retailer.key,
        courierKey,
        routeId: loop.routeId,
        toteId: `tote-${cycle}-${loop.routeId.slice(5, 9)}`,
        goods,
      };
    });
    // The jagged edges, each on a parcel that fits it, all in the morning's first cycle.
    const pick = (special: Special, fits: (p: PlannedParcel) => boolean) => {
      const parcel = parcels.find((p) => !p.special && fits(p));
      if (!parcel) throw new Error(`demo plan: no parcel fits "${special}"`);
      parcel.special = special;
      return parcel;
    };
    pick('declined', (p) => p.routeId === LOOPS[0].routeId && !p.goods.restricted).courierKey = LOOPS[0].paid;
    pick('policy-refused', (p) => p.routeId === LOOPS[0].routeId && p.goods.retailer.pharmacy).courierKey = LOOPS[0].paid;
    pick('damaged', (p) => p.goods.item === '18V cordless drill kit');
    pick('neighbour', (p) => p.routeId === LOOPS[1].routeId && !p.goods.restricted);
    pick('depot', (p) => p.routeId === LOOPS[2].routeId);
    // The afternoon's last loop is still out when the day's record is read: every fifth parcel of
    // the last cycle is in a runner's bag.
    const lastCycleStart = Math.floor((count - 1) / HUB_CYCLE_CAP) * HUB_CYCLE_CAP;
    for (const parcel of parcels.slice(lastCycleStart)) if (!parcel.special && parcel.index % 5 === 4) parcel.special = 'still-out';
    return parcels;
  }

  private planCity(): PlannedParcel[] {
    return Array.from({ length: CITY_PARCELS }, (_, index) => {
      const goods = parcelGoods(index + 1_000);
      return {
        parcelId: this.id(`city-p${String(index + 1).padStart(3, '0')}`),
        index,
        hub: 'city' as const,
        retailerKey: goods.retailer.key,
        courierKey: CITY_COURIERS[index % 2].key,
        routeId: index % 2 === 0 ? 'route-old-north-end' : 'route-five-sisters',
        toteId: `tote-city-${(index % 6) + 1}`,
        goods,
      };
    });
  }

  private async ruralDay(parcels: PlannedParcel[]): Promise<void> {
    const hub = HUBS.rural;
    const cycles = Math.ceil(parcels.length / HUB_CYCLE_CAP);
    for (let k = 0; k < cycles; k += 1) {
      const batch = parcels.slice(k * HUB_CYCLE_CAP, (k + 1) * HUB_CYCLE_CAP);
      const opensAt = 30 * MINUTE + k * 50 * MINUTE;
      await this.intake(hub.coordinator.key, this.id(`rural-cycle-${k + 1}`), batch, opensAt);
      await Promise.all(batch.map((parcel, j) => this.dispatch(parcel, j, opensAt + 30 * MINUTE)));
      this.log(`rural hub, cycle ${k + 1}/${cycles}: ${batch.length} parcels in and out on ${LOOPS.length} loops (${this.http.requests} requests so far)`);
    }
  }

  private async cityDay(parcels: PlannedParcel[]): Promise<void> {
    const opensAt = 60 * MINUTE;
    await this.intake(HUBS.city.coordinator.key, this.id('city-cycle-1'), parcels, opensAt);
    this.log(`city hub: ${parcels.length} parcels taken in one cycle against a cap of ${HUB_CYCLE_CAP} (${parcels.length - HUB_CYCLE_CAP} over, flagged)`);
    await Promise.all(parcels.map((parcel, j) => this.dispatch(parcel, j, opensAt + 35 * MINUTE)));
    this.log(`city hub: ${parcels.length} parcels out with ${CITY_COURIERS.length} couriers`);
  }

  /** A hub cycle: opened, every parcel registered by its retailer, taken in and sorted, closed. */
  private async intake(coordinator: string, cycleId: string, parcels: PlannedParcel[], opensAt: number): Promise<void> {
    await this.command(coordinator, '/hub-cycles', { cycleId, occurredAt: this.at(opensAt) }, `open:${cycleId}`);
    await Promise.all(
      parcels.map(({ parcelId, goods, hub, index }, j) =>
        this.command(
          goods.retailer.key,
          '/parcels',
          {
            parcelId,
            externalReference: `${goods.retailer.key.split('-')[0].toUpperCase()}-${parcelId.slice(-4)}-${goods.item.replace(/[^A-Za-z0-9]+/g, '-')}`,
            collectiveId: this.id('collective'),
            declaredValue: { amountMinor: goods.valueMinor, currency: CURRENCY },
            categories: goods.categories,
            destinationHubId: this.id(HUBS[hub].key),
            recipient: recipient(index, hub),
            occurredAt: this.at(opensAt - 40 * MINUTE + j * 10_000),
          },
          `register:${parcelId}`,
        ),
      ),
    );
    // One coordinator scans one parcel at a time: the cycle counts them in the order scanned
    // (the hub-cycle-intake reaction, ADR 0020), so the parcels over the cap are the last ones.
    for (const [j, { parcelId }] of parcels.entries()) {
      await this.command(coordinator, `/parcels/${parcelId}/receive-at-hub`, { condition: intact, cycleId, occurredAt: this.at(opensAt + MINUTE + j * 10_000) }, `receive:${parcelId}`);
    }
    await Promise.all(
      parcels.map(({ parcelId, toteId, routeId }, j) =>
        this.command(coordinator, `/parcels/${parcelId}/sort`, { toteId, routeId, occurredAt: this.at(opensAt + MINUTE + j * 10_000 + 30_000) }, `sort:${parcelId}`),
      ),
    );
    // The coordinator closes the cycle once the hub's board has counted every scan: closing first
    // would still count them (late, ADR 0020), but the closing figures would leave them out.
    await this.counted(this.id(HUBS[parcels[0]!.hub].key), cycleId, parcels.length);
    await this.command(coordinator, `/hub-cycles/${cycleId}/close`, { occurredAt: this.at(opensAt + 25 * MINUTE) }, `close:${cycleId}`);
  }

  /** Waits (up to a minute) until the hub's load shows `count` parcels received in the cycle. */
  async counted(hubId: string, cycleId: string, count: number): Promise<void> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const load = await this.http.call(this.adminKey, 'GET', `/hubs/${hubId}/load`, undefined, { expected: [200] });
      const cycle = load.body.cycles.find((c: { cycleId: string }) => c.cycleId === cycleId);
      if (cycle?.received === count) return;
      if (Date.now() > deadline) throw new Error(`cycle ${cycleId} counted ${cycle?.received ?? 0} of ${count} parcels after a minute: is the projector running its reactions?`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** From the hub to a runner and on to the door, or to one of the day's jagged edges. */
  private async dispatch(parcel: PlannedParcel, j: number, from: number): Promise<void> {
    const hub = HUBS[parcel.hub];
    const { parcelId } = parcel;
    const offerAt = from + j * 5_000;
    const acceptAt = offerAt + 3 * MINUTE;
    const doorAt = acceptAt + 15 * MINUTE + (j % 10) * 12 * MINUTE;
    const geo = jitter(hub.geo, parcel.index);
    if (parcel.special === 'declined') {
      const declinedBy = LOOPS[0].volunteer!;
      await this.offer(hub.coordinator.key, parcel, declinedBy, 'h1', offerAt);
      await this.command(
        declinedBy,
        `/parcels/${parcelId}/handoffs/${parcelId}-h1/decline`,
        { reason: 'panniers full and it is raining on East Hill', occurredAt: this.at(offerAt + MINUTE) },
        `decline:${parcelId}`,
      );
      this.counts.declinedOffers += 1;
      this.found.declined = { parcelId, declinedBy: this.id(declinedBy), acceptedBy: this.id(parcel.courierKey), asOf: this.at(offerAt - MINUTE), holderAtAsOf: { kind: 'hub', id: this.id(hub.key) } };
    }
    if (parcel.special === 'policy-refused') {
      const refused = await this.offer(hub.coordinator.key, parcel, LOOPS[0].volunteer!, 'h0', offerAt, [422]);
      this.counts.policyRefusals += 1;
      this.found.policyRefused = { parcelId, refusedFor: this.id(LOOPS[0].volunteer!), code: refused.body?.code };
    }
    await this.offer(hub.coordinator.key, parcel, parcel.courierKey, 'h2', offerAt + 2 * MINUTE);
    const damaged = parcel.special === 'damaged';
    const condition = damaged ? { condition: 'damaged', notes: 'drill case dented at one corner, found at pickup' } : intact;
    await this.command(
      parcel.courierKey,
      `/parcels/${parcelId}/handoffs/${parcelId}-h2/accept`,
      { condition, evidence: [evidence(`photo:${parcelId}:pickup`)], geo: hub.geo, deviceTime: this.at(acceptAt + 4_000), occurredAt: this.at(acceptAt) },
      `accept:${parcelId}`,
    );
    await this.atTheDoor(parcel, geo, doorAt);
  }

  private offer(from: string, parcel: PlannedParcel, to: string, handoff: string, at: number, expected?: number[]) {
    const handoffId = `${parcel.parcelId}-${handoff}`;
    return this.command(from, `/parcels/${parcel.parcelId}/handoffs`, { handoffId, to: { kind: 'courier', id: this.id(to) }, occurredAt: this.at(at) }, `offer:${handoffId}`, expected);
  }

  private async atTheDoor(parcel: PlannedParcel, geo: ReturnType<typeof jitter>, doorAt: number): Promise<void> {
    const { parcelId, courierKey } = parcel;
    switch (parcel.special) {
      case 'still-out':
        this.counts.stillOut += 1;
        return;
      case 'neighbour': {
        const attempt = await this.command(
          courierKey,
          `/parcels/${parcelId}/delivery-attempts`,
          {
            attemptId: 'attempt-1',
            reason: 'nobody home; neighbour at number 14 offered to take it',
            card: {
              option: 'leave-with-neighbour',
              neighbour: { ...recipient(parcel.index + 7, 'rural'), name: 'Margaret Hughes' },
              condition: intact,
              evidence: [evidence(`signature:${parcelId}:neighbour`)],
              deviceTime: this.at(doorAt + 3_000),
            },
            geo,
            occurredAt: this.at(doorAt),
          },
          `attempt:${parcelId}`,
        );
        this.counts.withNeighbour += 1;
        this.found.neighbour = { parcelId, neighbourSubjectId: attempt.body.neighbourSubjectId };
        return;
      }
      case 'depot': {
        const returnOn = this.at(doorAt + 24 * 60 * MINUTE).slice(0, 10);
        await this.command(
          courierKey,
          `/parcels/${parcelId}/delivery-attempts`,
          { attemptId: 'attempt-1', reason: 'business closed for the day', card: { option: 'return-to-depot', returnOn }, geo, occurredAt: this.at(doorAt) },
          `attempt:${parcelId}`,
        );
        const coordinator = HUBS[parcel.hub].coordinator.key;
        await this.command(coordinator, `/parcels/${parcelId}/return-to-depot`, { condition: intact, occurredAt: this.at(doorAt + 90 * MINUTE) }, `depot:${parcelId}`);
        this.counts.returnedToDepot += 1;
        this.found.depot = { parcelId };
        return;
      }
      case 'damaged':
        await this.command(
          courierKey,
          `/parcels/${parcelId}/incidents`,
          {
            reportId: 'report-1',
            incident: 'damaged',
            discoveredAt: this.at(doorAt - 10 * MINUTE),
            description: '$400 drill arrived dented: case cracked at one corner',
            evidence: [evidence(`photo:${parcelId}:dent`)],
            occurredAt: this.at(doorAt - 5 * MINUTE),
          },
          `incident:${parcelId}`,
        );
        this.counts.damaged += 1;
        this.found.damaged = { parcelId, courierId: this.id(courierKey) };
        break;
      default:
        break;
    }
    await this.command(
      courierKey,
      `/parcels/${parcelId}/delivery`,
      { receivedBy: { kind: 'recipient' }, evidence: [evidence(`signature:${parcelId}:recipient`)], geo, occurredAt: this.at(doorAt) },
      `deliver:${parcelId}`,
    );
    this.counts.delivered += 1;
  }
}
