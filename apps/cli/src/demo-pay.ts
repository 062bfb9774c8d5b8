/**
 * The demo's pay and waivers, through the public HTTP API: the couriers' liability waiver ($200
 * cap) signed, one expired, one revoked; the hubs' rate cards (DOMAIN.md's pilot figures); a pay
 * round worked under them; and, once pay's reactions have posted the accruals, each participant's
 * statement and the rural hub's pay-equity report.
 *
 * The demo runs on the real clock, and a rate card takes effect no earlier than it is published
 * (a change is never retroactive), so the morning's parcels, stated hours ago, are priced by no
 * card (pay keeps them as unpriced, never drops them): the pay round after the cards take effect
 * is what earns. For the same reason a rostered volunteer shift (published at least six days
 * ahead) and a surge window's first refusal (offered to the volunteer rostered now) cannot be
 * worked today: the demo publishes next week's roster and surge window, and says so.
 */
import { DemoDay } from './demo-day';
import { DemoHttp } from './demo-http';
import { CITY_COURIERS, CURRENCY, HUB_TIME_ZONE, HUBS, LOOPS, RURAL_RUNNERS, evidence, parcelGoods, recipient } from './demo-cast';
import type { DemoScale } from './demo-day';

/** Goods anyone may carry (no pharmacy, nothing over the policy's threshold), so volunteers can take them too. */
function unrestrictedGoods(index: number) {
  for (let i = index; i < index + 12; i += 1) if (!parcelGoods(i).restricted) return parcelGoods(i);
  throw new Error('demo plan: no unrestricted goods');
}

const count = (keyed: Record<string, unknown> | undefined) => Object.keys(keyed ?? {}).length;
const usd = (amountMinor: number) => ({ amountMinor, currency: CURRENCY });
const DAY = 24 * 60 * 60_000;

/** DOMAIN.md "Pay": $1.80 a package at the rural hub with a dead-mile guarantee per loop, walkers $1.20, gig drivers $6, the coordinator's $320 retainer. */
export const PAY_RATES = {
  ruralPerDelivery: 180,
  deadMileMinimumPerLoop: 1_200,
  walkerPerDelivery: 120,
  gigPerDelivery: 600,
  coordinatorRetainer: 32_000,
  handlingFeePerParcel: 25,
  beforeNoonBonusPerParcel: 15,
  gasCardUnit: 'gas-card-5-usd',
  prioritySlotUnit: 'priority-slot',
};
export const WAIVER_CAP_MINOR = 20_000;
/** Parcels each rural runner carries on the pay round's loop (a volunteer one), and each city courier. */
const PAY_ROUND: Record<DemoScale, { ruralPerPaidRunner: number; cityPerCourier: number }> = {
  small: { ruralPerPaidRunner: 2, cityPerCourier: 2 },
  full: { ruralPerPaidRunner: 5, cityPerCourier: 4 },
};

type Amount = { amountMinor?: number; currency?: string; creditUnit?: string; quantity?: number };

export interface DemoStatementLine {
  kind: string;
  rule?: string;
  reason?: string;
  parcelId: string | null;
  amount: Amount;
}

export interface DemoStatement {
  participantId: string;
  name: string;
  capacity: string;
  deliveries: number;
  cash: Array<{ amountMinor: number; currency: string }>;
  credits: Array<{ creditUnit: string; quantity: number }>;
  lines: DemoStatementLine[];
  statementState: string | null;
}

export interface DemoPayResult {
  period: string;
  rateCards: { rural: string; city: string };
  waivers: { templateId: string; signed: string[]; expired: string; revoked: string };
  /** Coverage now, as the read model answers it, for one signer, the expired and the revoked. */
  coverage: Array<{ participantId: string; covered: boolean; reason?: string; cap?: { amountMinor: number; currency: string } }>;
  /** Rural paid runners' loops on the pay round: who, which loop, the loop's minimum. */
  loops: Array<{ participantId: string; routeId: string; minimumMinor: number }>;
  beforeNoon: boolean;
  statements: DemoStatement[];
  payEquity: any;
  nextWeek: { rosterShifts: number; surgeWindowId: string };
}

interface PayParcel {
  parcelId: string;
  index: number;
  hub: 'rural' | 'city';
  courierKey: string;
  routeId: string;
}

export class DemoPay {
  private readonly now = () => new Date().toISOString();
  private readonly effectiveFrom: string;

  constructor(
    private readonly day: DemoDay,
    private readonly http: DemoHttp,
    private readonly adminKey: string,
    private readonly scale: DemoScale,
    private readonly dayStartedAt: string,
    private readonly log: (line: string) => void,
  ) {
    // A rate card takes effect no earlier than it is published: two seconds from now, on a whole second.
    this.effectiveFrom = new Date(Math.ceil((Date.now() + 2_000) / 1_000) * 1_000).toISOString();
  }

  private id = (name: string) => this.day.id(name);

  async run(): Promise<DemoPayResult> {
    const [waivers, rateCards, nextWeek] = await Promise.all([this.waivers(), this.rateCards(), this.nextWeek()]);
    const wait = Date.parse(this.effectiveFrom) - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait + 50));
    const round = await this.payRound();
    const period = this.now().slice(0, 7);
    // The retainer of a month is priced by the card in effect when the month began (ADR 0026): a
    // card published mid-month pays it from next month, so this month's is an admin's adjustment.
    const dev = this.id(HUBS.city.coordinator.key);
    await this.day.command(
      'admin',
      `/participants/${dev}/pay-ledgers/${period}/adjustments`,
      { adjustmentId: 'retainer-first-month', amount: usd(PAY_RATES.coordinatorRetainer), reason: `retainer for ${period}: the city hub's rate card took effect mid-month` },
      `adjust:${dev}:${period}`,
    );
    const statements = await this.statements(period, round);
    const payEquity = await this.payEquity(period, round.ruralDeliveries);
    const coverage = await Promise.all(
      [waivers.signed[0], waivers.expired, waivers.revoked].map(async (participantId) => {
        const answer = await this.http.call(this.adminKey, 'GET', `/participants/${participantId}/waivers/coverage?position=${encodeURIComponent(this.day.position ?? '')}`, undefined, {
          expected: [200],
        });
        return { participantId, covered: answer.body.covered, reason: answer.body.reason, cap: answer.body.cap };
      }),
    );
    return { period, rateCards, waivers, coverage, loops: round.loops, beforeNoon: round.beforeNoon, statements, payEquity, nextWeek };
  }

  /** One template version ($200 cap), signed by the couriers; Ravi's paper waiver has expired, Eileen revoked hers. */
  private async waivers(): Promise<DemoPayResult['waivers']> {
    const templateId = this.id('courier-waiver');
    await this.day.command(
      'admin',
      `/waiver-templates/${templateId}/versions`,
      {
        version: 1,
        textHash: evidence('Champlain Valley courier liability waiver, 2026 edition'),
        liabilityCap: usd(WAIVER_CAP_MINOR),
        grossNegligenceClause: { included: true, clauseTextHash: evidence('gross negligence is never waived') },
        jurisdiction: 'US-VT',
        participantKinds: ['paid', 'gig', 'volunteer'],
        parcelCategories: ['any'],
        effectiveFrom: this.dayStartedAt,
      },
      `waiver-template:${templateId}`,
    );
    const sign = (key: string, by: string, body: Record<string, unknown>) =>
      this.day.command(
        by,
        `/participants/${this.id(key)}/waivers`,
        { templateId, version: 1, signatureEvidence: evidence(`waiver-signature:${key}`), waiverId: `${key}-2026`, ...body },
        `sign:${key}`,
      );
    const yearOn = new Date(Date.now() + 365 * DAY).toISOString();
    const signers = ['priya-shah', 'tom-okafor', 'sam-whitaker', ...CITY_COURIERS.map((c) => c.key)];
    await Promise.all(signers.map((key) => sign(key, key, { expiresAt: yearOn })));
    // A paper waiver signed at the start of the day, good for eight hours: it has run out by now.
    const expired = 'ravi-menon';
    await sign(expired, 'admin', { occurredAt: this.dayStartedAt, expiresAt: new Date(Date.parse(this.dayStartedAt) + 8 * 60 * 60_000).toISOString() });
    const revoked = 'eileen-walsh';
    await sign(revoked, revoked, { expiresAt: yearOn });
    await this.day.command(revoked, `/participants/${this.id(revoked)}/waivers/${revoked}-2026/revoke`, { reason: 'withdrawn-by-participant' }, `revoke:${revoked}`);
    this.log(`waivers: template ${templateId} v1 ($200 cap) signed by ${signers.length} couriers, ${expired}'s expired, ${revoked}'s revoked`);
    return { templateId, signed: signers.map(this.id), expired: this.id(expired), revoked: this.id(revoked) };
  }

  private async rateCards(): Promise<DemoPayResult['rateCards']> {
    const none = { surgeWindows: [], hourlyRoles: [] };
    const volunteerCredits = { perShift: [{ creditUnit: PAY_RATES.gasCardUnit, quantity: 1 }], perDelivery: [{ creditUnit: PAY_RATES.prioritySlotUnit, quantity: 1 }] };
    const rural = this.id(HUBS.rural.key);
    const city = this.id(HUBS.city.key);
    await Promise.all([
      this.day.command(
        HUBS.rural.coordinator.key,
        `/hubs/${rural}/rate-card/versions`,
        {
          version: 1,
          effectiveFrom: this.effectiveFrom,
          rates: {
            currency: CURRENCY,
            perDelivery: { 'paid-courier': usd(PAY_RATES.ruralPerDelivery), hub: usd(PAY_RATES.ruralPerDelivery) },
            deadMileGuarantee: { per: 'loop', minimum: usd(PAY_RATES.deadMileMinimumPerLoop), payClasses: ['paid-courier'] },
            volunteerCredits,
            ...none,
          },
        },
        `rate-card:${rural}`,
      ),
      this.day.command(
        'admin',
        `/hubs/${city}/rate-card/versions`,
        {
          version: 1,
          effectiveFrom: this.effectiveFrom,
          rates: {
            currency: CURRENCY,
            perDelivery: { 'paid-courier': usd(PAY_RATES.walkerPerDelivery), 'gig-courier': usd(PAY_RATES.gigPerDelivery) },
            coordinator: {
              monthlyRetainer: usd(PAY_RATES.coordinatorRetainer),
              handlingFeePerParcel: usd(PAY_RATES.handlingFeePerParcel),
              beforeNoonBonusPerParcel: usd(PAY_RATES.beforeNoonBonusPerParcel),
            },
            volunteerCredits,
            ...none,
          },
        },
        `rate-card:${city}`,
      ),
    ]);
    this.log(`rate cards: ${HUBS.rural.displayName} $1.80 a package, $12.00 a loop at least; ${HUBS.city.displayName} walkers $1.20, gig $6.00, coordinator $320 a month; from ${this.effectiveFrom}`);
    return { rural: `hub:${rural}`, city: `hub:${city}` };
  }

  /** Next week's volunteer sorting shifts (a $5 gas card each when worked) and a surge window over them. */
  private async nextWeek(): Promise<DemoPayResult['nextWeek']> {
    const rural = this.id(HUBS.rural.key);
    const start = Math.ceil((Date.now() + 7 * DAY) / (60 * 60_000)) * 60 * 60_000;
    const volunteers = RURAL_RUNNERS.filter((r) => r.engagement.kind === 'volunteer');
    const shifts = volunteers.map((v, i) => ({
      shiftId: this.id(`${v.key}-sort-${i + 1}`),
      participantId: this.id(v.key),
      role: 'sorter',
      blockId: `block-${i + 1}`,
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + 4 * 60 * 60_000).toISOString(),
    }));
    await this.day.command(HUBS.rural.coordinator.key, `/hubs/${rural}/roster/shifts`, { shifts }, `roster:${rural}`);
    const surgeWindowId = this.id('surge-next-week');
    await this.day.command(
      HUBS.rural.coordinator.key,
      `/hubs/${rural}/surge-windows`,
      { windowId: surgeWindowId, from: new Date(start).toISOString(), until: new Date(start + 4 * 60 * 60_000).toISOString() },
      `surge:${surgeWindowId}`,
    );
    this.log(`next week: ${shifts.length} volunteer sorting shifts rostered (6 days' notice), surge window ${surgeWindowId} over them`);
    return { rosterShifts: shifts.length, surgeWindowId };
  }

  /** Parcels taken in, carried and delivered now (stated times are the server's), then each rural loop's end recorded. */
  private async payRound() {
    const sizes = PAY_ROUND[this.scale];
    const parcels: PayParcel[] = [];
    let index = 5_000;
    for (const loop of LOOPS) {
      for (let k = 0; k < sizes.ruralPerPaidRunner; k += 1) parcels.push({ parcelId: this.id(`pay-p${index}`), index: index++, hub: 'rural', courierKey: loop.paid, routeId: loop.routeId });
      if (loop.volunteer) parcels.push({ parcelId: this.id(`pay-p${index}`), index: index++, hub: 'rural', courierKey: loop.volunteer, routeId: loop.routeId });
    }
    for (const courier of CITY_COURIERS)
      for (let k = 0; k < sizes.cityPerCourier; k += 1) parcels.push({ parcelId: this.id(`pay-p${index}`), index: index++, hub: 'city', courierKey: courier.key, routeId: 'route-old-north-end' });
    const loopStartedAt = this.now();
    await Promise.all(
      (['rural', 'city'] as const).map((hub) =>
        this.intake(
          hub,
          parcels.filter((p) => p.hub === hub),
        ),
      ),
    );
    await Promise.all(parcels.map((parcel) => this.carry(parcel)));
    const loopEndedAt = this.now();
    const beforeNoon = Number(new Intl.DateTimeFormat('en-US', { timeZone: HUB_TIME_ZONE, hour: 'numeric', hourCycle: 'h23' }).format(new Date(loopEndedAt))) < 12;
    const rural = this.id(HUBS.rural.key);
    const loops = LOOPS.map((loop) => ({ participantId: this.id(loop.paid), routeId: loop.routeId, minimumMinor: PAY_RATES.deadMileMinimumPerLoop }));
    await Promise.all(
      LOOPS.map((loop) =>
        this.day.command(
          HUBS.rural.coordinator.key,
          `/hubs/${rural}/shifts-worked`,
          {
            shiftId: this.id(`${loop.routeId}-pay-round`),
            participantId: this.id(loop.paid),
            work: { kind: 'courier', run: 'loop', routeId: loop.routeId },
            startedAt: loopStartedAt,
            endedAt: loopEndedAt,
          },
          `loop:${loop.routeId}`,
        ),
      ),
    );
    this.log(`pay round: ${parcels.length} parcels delivered under the rate cards, ${LOOPS.length} rural loops recorded`);
    return { parcels, loops, beforeNoon, ruralDeliveries: parcels.filter((p) => p.hub === 'rural').length };
  }

  /** Taken in after the day's cycles closed: the hub counts no cycle for them, pay prices each intake all the same. */
  private async intake(hub: 'rural' | 'city', parcels: PayParcel[]): Promise<void> {
    const coordinator = HUBS[hub].coordinator.key;
    await Promise.all(
      parcels.map(({ parcelId, index }) => {
        const goods = unrestrictedGoods(index);
        return this.day.command(
          goods.retailer.key,
          '/parcels',
          {
            parcelId,
            externalReference: `PAY-${parcelId.slice(-4)}`,
            collectiveId: this.id('collective'),
            declaredValue: usd(goods.valueMinor),
            categories: goods.categories,
            destinationHubId: this.id(HUBS[hub].key),
            recipient: recipient(index, hub),
          },
          `register:${parcelId}`,
        );
      }),
    );
    await Promise.all(parcels.map(({ parcelId }) => this.day.command(coordinator, `/parcels/${parcelId}/receive-at-hub`, { condition: { condition: 'intact' } }, `receive:${parcelId}`)));
    await Promise.all(parcels.map(({ parcelId, routeId }) => this.day.command(coordinator, `/parcels/${parcelId}/sort`, { toteId: `tote-pay-${hub}`, routeId }, `sort:${parcelId}`)));
  }

  private async carry({ parcelId, hub, courierKey }: PayParcel): Promise<void> {
    const handoffId = `${parcelId}-h1`;
    const { coordinator, geo } = HUBS[hub];
    await this.day.command(coordinator.key, `/parcels/${parcelId}/handoffs`, { handoffId, to: { kind: 'courier', id: this.id(courierKey) } }, `offer:${handoffId}`);
    await this.day.command(
      courierKey,
      `/parcels/${parcelId}/handoffs/${handoffId}/accept`,
      { condition: { condition: 'intact' }, evidence: [evidence(`photo:${parcelId}:pickup`)], geo, deviceTime: this.now() },
      `accept:${parcelId}`,
    );
    await this.day.command(
      courierKey,
      `/parcels/${parcelId}/delivery`,
      { receivedBy: { kind: 'recipient' }, evidence: [evidence(`signature:${parcelId}:recipient`)], geo: { ...geo, accuracyMeters: 8 } },
      `deliver:${parcelId}`,
    );
  }

  /**
   * Accruals are posted by pay's reactions after the commands: wait (bounded) until each payee's
   * ledger holds what the round earned, then read their statement once it has every ledger line.
   */
  private async statements(period: string, round: Awaited<ReturnType<DemoPay['payRound']>>): Promise<DemoStatement[]> {
    const delivered = (key: string) => round.parcels.filter((p) => p.courierKey === key).length;
    const cityParcels = round.parcels.filter((p) => p.hub === 'city').length;
    const payees = [
      ...LOOPS.map((l) => ({ key: l.paid, capacity: 'paid-courier', accruals: delivered(l.paid) + 1, deliveries: delivered(l.paid) })),
      ...LOOPS.filter((l) => l.volunteer).map((l) => ({ key: l.volunteer!, capacity: 'volunteer', accruals: delivered(l.volunteer!), deliveries: delivered(l.volunteer!) })),
      ...CITY_COURIERS.map((c) => ({ key: c.key, capacity: c.engagement.kind === 'gig' ? 'gig-courier' : 'paid-courier', accruals: delivered(c.key), deliveries: delivered(c.key) })),
      { key: HUBS.city.coordinator.key, capacity: 'coordinator', accruals: cityParcels * (round.beforeNoon ? 2 : 1), deliveries: 0 },
    ];
    const names = new Map([...RURAL_RUNNERS, ...CITY_COURIERS, HUBS.city.coordinator].map((p) => [p.key, p.displayName]));
    const statements: DemoStatement[] = [];
    for (const payee of payees) {
      const participantId = this.id(payee.key);
      const ledger = await this.poll(
        `/participants/${participantId}/pay-ledgers/${period}`,
        (body) => count(body?.accruals) >= payee.accruals,
        `${payee.key}'s ledger to hold ${payee.accruals} accruals`,
      );
      // The ledger keys its accruals, adjustments and clawbacks by id.
      const ledgerLines = count(ledger.accruals) + count(ledger.adjustments) + count(ledger.clawbacks);
      const month = await this.poll(
        `/participants/${participantId}/pay-statement?period=${period}&limit=1000`,
        (body) => body?.lines?.length === ledgerLines,
        `${payee.key}'s statement to show the ledger's ${ledgerLines} lines`,
      );
      statements.push({
        participantId,
        name: names.get(payee.key) ?? payee.key,
        capacity: payee.capacity,
        deliveries: payee.deliveries,
        cash: month.totals.cash,
        credits: month.totals.credits,
        lines: month.lines.map((line: any) => ({ kind: line.kind, rule: line.rule, reason: line.reason, parcelId: line.parcelId ?? null, amount: line.amount })),
        statementState: null,
      });
    }
    // One statement through its life: issued, approved (by an admin, never the payee), settled.
    const priya = statements[0];
    const base = `/participants/${priya.participantId}/pay-ledgers/${period}/statements`;
    const statementId = 'pay-round-1';
    await this.day.command('admin', base, { statementId }, `statement:${priya.participantId}`);
    await this.day.command('admin', `${base}/${statementId}/approve`, {}, `approve:${priya.participantId}`);
    await this.day.command('admin', `${base}/${statementId}/settle`, { paymentReference: 'ACH-DEMO-0001' }, `settle:${priya.participantId}`);
    const settled = await this.poll(`/participants/${priya.participantId}/pay-statement?period=${period}&limit=1`, (body) => body?.statements?.[0]?.state === 'settled', 'the settled statement');
    priya.statementState = settled.statements[0].state;
    return statements;
  }

  private async payEquity(period: string, ruralDeliveries: number): Promise<any> {
    const rural = this.id(HUBS.rural.key);
    return this.poll(
      `/hubs/${rural}/pay-equity?period=${period}`,
      (body) => (body?.hub ?? []).filter((c: any) => c.capacity === 'paid-courier' || c.capacity === 'volunteer').reduce((sum: number, c: any) => sum + c.deliveries, 0) >= ruralDeliveries,
      `the rural hub's pay equity to count ${ruralDeliveries} deliveries`,
    );
  }

  /** GETs `path` until `done(body)` (a 404 is a month not yet recorded), for at most a minute. */
  private async poll(path: string, done: (body: any) => boolean, what: string): Promise<any> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const answer = await this.http.call(this.adminKey, 'GET', path, undefined, { expected: [200, 404] });
      if (answer.status === 200 && done(answer.body)) return answer.body;
      if (Date.now() > deadline) throw new Error(`waited a minute for ${what}: is the projector running pay's reactions? ${JSON.stringify(answer.body).slice(0, 400)}`);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
}

const money = ({ amountMinor, currency }: { amountMinor: number; currency: string }) =>
  `${amountMinor < 0 ? '-' : ''}${currency === 'USD' ? '$' : `${currency} `}${(Math.abs(amountMinor) / 100).toFixed(2)}`;
const amountText = (amount: Amount) => (amount.creditUnit ? `${amount.quantity} ${amount.creditUnit}` : money(amount as { amountMinor: number; currency: string }));
const totalsText = (cash: DemoStatement['cash'], credits: DemoStatement['credits']) => [...cash.map(money), ...credits.map((c) => `${c.quantity} ${c.creditUnit}`)].join(' + ') || 'nothing';

/** What the demo prints about pay and waivers: every statement line by line, the pay-equity report, coverage. */
export function formatPay(pay: DemoPayResult): string[] {
  const out = ['', `pay for ${pay.period} (the morning's parcels were stated before the rate cards took effect: unpriced, kept on record):`];
  for (const s of pay.statements) {
    out.push(`  ${s.name} (${s.capacity}): ${s.deliveries} deliver${s.deliveries === 1 ? 'y' : 'ies'}, ${totalsText(s.cash, s.credits)}${s.statementState ? `; statement ${s.statementState}` : ''}`);
    for (const line of s.lines) out.push(`      ${(line.rule ?? line.kind).padEnd(26)} ${(line.parcelId ?? line.reason ?? '').padEnd(28)} ${amountText(line.amount)}`);
  }
  out.push('', `pay equity, rural hub, ${pay.period} (per capacity, side by side):`);
  for (const c of pay.payEquity.hub as Array<any>) {
    const per = (c.perDelivery as Array<any>).map((p) => (p.creditUnit ? `${p.quantity} ${p.creditUnit}` : money(p))).join(' + ') || '-';
    out.push(
      `  ${c.capacity.padEnd(24)} deliveries ${String(c.deliveries).padStart(4)}  shifts ${c.hours.shifts} (${c.hours.minutes} min)  earned ${totalsText(c.earned.cash, c.earned.credits)}  per delivery ${per}`,
    );
  }
  out.push(`  surge first refusal: offered ${pay.payEquity.surge.offered}, claimed ${pay.payEquity.surge.claimed}, lapsed ${pay.payEquity.surge.lapsed}`);
  out.push(`  next week: ${pay.nextWeek.rosterShifts} volunteer sorting shifts rostered ($5 gas card each once worked), surge window ${pay.nextWeek.surgeWindowId}`);
  out.push('', `waivers (template ${pay.waivers.templateId} v1, cap $200):`);
  for (const c of pay.coverage) out.push(`  ${c.participantId}: ${c.covered ? `covered up to ${money(c.cap!)}` : `not covered (${c.reason})`}`);
  return out;
}

export function payCurlLines(get: (path: string) => string, pay: DemoPayResult): Array<{ what: string; command: string }> {
  const first = pay.statements[0];
  return [
    {
      what: `${first.name}'s statement for ${pay.period}, line by line (every accrual names its rate card version)`,
      command: get(`/participants/${first.participantId}/pay-statement?period=${pay.period}`),
    },
    { what: `${first.name}'s ledger, as recorded (accruals, statements, payable)`, command: get(`/participants/${first.participantId}/pay-ledgers/${pay.period}`) },
    { what: "the rural hub's pay equity: paid and volunteer deliveries and earnings side by side, per loop", command: get(`/hubs/${pay.payEquity.hubId}/pay-equity?period=${pay.period}`) },
    { what: `waiver coverage now (${pay.waivers.revoked} revoked theirs)`, command: get(`/participants/${pay.waivers.revoked}/waivers/coverage`) },
    { what: `waiver coverage over time (${pay.waivers.expired}'s expired)`, command: get(`/participants/${pay.waivers.expired}/waivers/coverage/timeline`) },
  ];
}
