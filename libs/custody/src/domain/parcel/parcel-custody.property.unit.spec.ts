import fc from 'fast-check';
import { DomainError } from '@handoff/kernel';
import type { PartyRef } from '../shared/party';
import { readCustodyChain } from './custody-chain.fixtures';
import type { CollectivePolicySnapshot, ParcelCommand, ReceiverStanding } from './parcel.commands';
import { parcelDecider } from './parcel.decider';
import { parcelErrorKinds } from './parcel.errors';
import type { ParcelEvent } from './parcel.events';
import { command as build, covering, hash, NEIGHBOUR, partyOf, POLICY, retailer, standing } from './parcel.fixtures';
import { isLive, type Parcel } from './parcel.state';

/**
 * Random command sequences — mostly well-aimed, many deliberately wrong (wrong actor, stale
 * handoff ids, repeats) — must always leave exactly one holder, a gap-free chain in which each
 * giver is the previous receiver, at most one open offer, and nothing moving after closure.
 * Every refusal must be a DomainError from the catalogue, never a crash.
 */
const receivers: ReceiverStanding[] = [standing.paidCourier, standing.gigCourier, standing.volunteer, standing.unvettedCourier, standing.suspendedCourier, standing.hub, standing.otherHub];
const hubs = [standing.hub, standing.otherHub].map(partyOf);
const everyone: PartyRef[] = [retailer, ...receivers.map(partyOf), { kind: 'neighbour', id: NEIGHBOUR.subjectId }];

const COMMAND_KINDS = ['receive', 'sort', 'offer', 'accept', 'decline', 'withdraw', 'attempt', 'deliver', 'returnToDepot', 'returnToSender', 'report'] as const;

/** Handoffs weigh more than closing moves, so sequences get far before they end; 3 in 4 steps are well-aimed. */
const WEIGHTS: Record<(typeof COMMAND_KINDS)[number], number> = {
  receive: 2,
  sort: 1,
  offer: 4,
  accept: 4,
  decline: 1,
  withdraw: 1,
  attempt: 3,
  deliver: 1,
  returnToDepot: 2,
  returnToSender: 1,
  report: 1,
};

const step = fc.record({
  kind: fc.oneof(...COMMAND_KINDS.map((kind) => ({ arbitrary: fc.constant(kind), weight: WEIGHTS[kind] }))),
  aimed: fc.integer({ min: 0, max: 3 }).map((n) => n > 0),
  pick: fc.nat(100),
  reuseOldId: fc.boolean(),
  covered: fc.boolean(),
  card: fc.constantFrom('i-accept', 'leave-with-neighbour', 'return-to-depot'),
  incident: fc.constantFrom('damaged', 'lost', 'stolen'),
});
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

const scenario = fc.record({
  pharmaceutical: fc.boolean(),
  declaredValueMinor: fc.integer({ min: 0, max: 60_000 }),
  waiverRequired: fc.boolean(),
  steps: fc.array(step, { minLength: 5, maxLength: 60, size: 'large' }),
});

const holderOf = (state: Parcel): PartyRef | null => {
  if (state.status === 'unregistered') return null;
  return isLive(state) ? state.holder : state.lastHolder;
};

function toCommand(s: Step, index: number, state: Parcel, policy: CollectivePolicySnapshot): ParcelCommand {
  // After the registration (09:00), one minute per step.
  const at = new Date(Date.UTC(2025, 2, 4, 10) + index * 60_000).toISOString();
  const anyone = everyone[s.pick % everyone.length];
  const holder = holderOf(state) ?? retailer;
  const actor = s.aimed ? holder : anyone;
  const openOffer = isLive(state) ? state.openOffer : null;
  const handoffId = s.reuseOldId ? `handoff-${s.pick % 3}` : `handoff-${index}`;
  const offered = receivers.find((r) => openOffer && r.id === openOffer.to.id) ?? receivers[s.pick % receivers.length];
  switch (s.kind) {
    case 'receive':
      return build.receiveAtHub({ actor: s.aimed ? hubs[s.pick % 2] : anyone, receivedAt: at });
    case 'sort':
      return build.sort({ actor, sortedAt: at });
    case 'offer':
      return build.offer(receivers[s.pick % receivers.length], { actor, handoffId, policy, offeredAt: at });
    case 'accept': {
      const waiver = s.covered ? covering('w', 'e') : ({ covered: false, reason: 'none' } as const);
      return build.accept(offered, {
        actor: s.aimed ? partyOf(offered) : anyone,
        handoffId: s.aimed && openOffer ? openOffer.handoffId : handoffId,
        policy,
        waiver,
        acceptedAt: at,
        deviceTime: at,
      });
    }
    case 'decline':
      return build.decline(s.aimed ? partyOf(offered) : anyone, { handoffId: s.aimed && openOffer ? openOffer.handoffId : handoffId, declinedAt: at });
    case 'withdraw':
      return build.withdraw(actor, { handoffId: s.aimed && openOffer ? openOffer.handoffId : handoffId, withdrawnAt: at });
    case 'attempt': {
      const card =
        s.card === 'leave-with-neighbour'
          ? { option: s.card, neighbour: NEIGHBOUR, handoffId, condition: { condition: 'intact' as const }, evidence: [hash('d')], deviceTime: at }
          : s.card === 'return-to-depot'
            ? { option: s.card, returnOn: '2025-03-07' }
            : { option: s.card };
      return build.attempt(actor, card, { attemptId: `attempt-${s.reuseOldId ? 0 : index}`, attemptedAt: at });
    }
    case 'deliver':
      return build.deliver(actor, { deliveredAt: at });
    case 'returnToDepot':
      return build.returnToDepot(s.aimed ? hubs[s.pick % 2] : anyone, { returnedAt: at });
    case 'returnToSender':
      return build.returnToSender(actor, { returnedAt: at });
    case 'report':
      return build.report(actor, s.incident, { reportId: `report-${s.reuseOldId ? 0 : index}`, discoveredAt: at, reportedAt: at });
    default: {
      const _never: never = s.kind;
      return _never;
    }
  }
}

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function run(input: Scenario) {
  const policy: CollectivePolicySnapshot = { ...POLICY, waiverRequired: input.waiverRequired };
  const registration = build.register({
    categories: input.pharmaceutical ? ['pharmaceutical'] : [],
    declaredValue: { amountMinor: input.declaredValueMinor, currency: 'USD' },
  });
  let state = parcelDecider.initialState();
  const events: ParcelEvent[] = [];
  const accepted: { command: ParcelCommand; before: Parcel }[] = [];
  const apply = (command: ParcelCommand) => {
    try {
      const decided = parcelDecider.decide(command, state);
      if (decided.length > 0) accepted.push({ command, before: state });
      state = decided.reduce(parcelDecider.evolve, state);
      events.push(...decided);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      expect(parcelErrorKinds).toHaveProperty([error.code], error.kind);
    }
  };
  apply(registration);
  input.steps.forEach((s, index) => apply(toCommand(s, index, state, policy)));
  return { state, events, accepted, policy, restricted: input.pharmaceutical || input.declaredValueMinor > POLICY.declaredValueThreshold.amountMinor };
}

const PROPERTY_RUNS = { numRuns: 300 };

describe('custody chain properties (random command sequences)', () => {
  it('always one holder, agreeing with a gap-free chain where each giver is the previous receiver', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const { state, events } = run(input);
        const chain = readCustodyChain(events);
        expect(chain.violations).toEqual([]);
        const open = chain.segments.filter((segment) => segment.to === null);
        if (isLive(state)) {
          expect(open).toHaveLength(1);
          expect(open[0].holder).toEqual(state.holder);
          expect(chain.openOffers).toEqual(state.openOffer ? [state.openOffer.handoffId] : []);
        } else {
          expect(open).toHaveLength(0);
          expect(chain.closed).toBe(true);
        }
        chain.segments.slice(1).forEach((segment, i) => {
          expect(segment.from).toBe(chain.segments[i].to);
          expect(Date.parse(segment.from)).toBeGreaterThanOrEqual(Date.parse(chain.segments[i].from));
        });
      }),
      PROPERTY_RUNS,
    );
  });

  it('replaying the recorded events twice gives the same parcel as deciding them', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const { state, events } = run(input);
        expect(events.reduce(parcelDecider.evolve, parcelDecider.initialState())).toEqual(state);
        expect(events.reduce(parcelDecider.evolve, parcelDecider.initialState())).toEqual(state);
      }),
      PROPERTY_RUNS,
    );
  });

  it('never lets a volunteer or unvetted courier take a restricted parcel, nor an uncovered courier when waivers are required', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const { events, policy, restricted } = run(input);
        for (const event of events) {
          if (event.type !== 'ParcelHandoffAccepted' || event.data.to.kind !== 'courier') continue;
          const courier = receivers.find((receiver) => receiver.id === event.data.to.id);
          expect(courier).toBeDefined();
          if (courier?.kind !== 'courier') continue;
          expect(courier.suspended).toBe(false);
          if (restricted) expect(courier.engagement !== 'volunteer' && courier.vetted).toBe(true);
          if (policy.waiverRequired) expect(event.data.waiver).not.toBeNull();
        }
      }),
      PROPERTY_RUNS,
    );
  });

  it('only the holder moves the parcel, and only the named receiver answers an offer', () => {
    const holderMoves = new Set(['SortParcel', 'OfferParcelHandoff', 'WithdrawParcelHandoff', 'RecordFailedDeliveryAttempt', 'DeliverParcel', 'ReturnParcelToSender']);
    fc.assert(
      fc.property(scenario, (input) => {
        for (const { command, before } of run(input).accepted) {
          if (before.status === 'unregistered') {
            expect(command.type).toBe('RegisterParcel');
          } else if (!isLive(before)) {
            expect(command.type).toBe('ReportParcelIncident');
          } else if (holderMoves.has(command.type) || command.type === 'ReportParcelIncident') {
            expect(command.actor).toEqual(before.holder);
          } else if (command.type === 'AcceptParcelHandoff' || command.type === 'DeclineParcelHandoff') {
            expect(command.actor).toEqual(before.openOffer?.to);
          } else if (command.type === 'ReceiveParcelAtHub' || command.type === 'ReturnParcelToDepot') {
            expect(command.actor.kind).toBe('hub');
            expect(before.openOffer).toBeNull();
          }
        }
      }),
      PROPERTY_RUNS,
    );
  });

  it('exercises the interesting paths (a property that never reaches them proves nothing)', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(scenario, (input) => {
        run(input).events.forEach((event) => seen.add(event.type));
      }),
      PROPERTY_RUNS,
    );
    expect([...seen].sort()).toEqual(
      [
        'ParcelRegistered',
        'ParcelReceivedAtHub',
        'ParcelSorted',
        'ParcelHandoffOffered',
        'ParcelHandoffAccepted',
        'ParcelHandoffDeclined',
        'ParcelHandoffWithdrawn',
        'ParcelDeliveryAttemptFailed',
        'ParcelDelivered',
        'ParcelReturnedToDepot',
        'ParcelReturnedToSender',
        'ParcelReportedDamaged',
        'ParcelReportedLost',
        'ParcelReportedStolen',
      ].sort(),
    );
  });
});
