import type { RecordedEnvelope } from '@handoff/eventstore';
import { project } from '@handoff/projections';
import type { ParcelCommand } from '../../domain/parcel/parcel.commands';
import type { HubCycleParcelReceived } from '../../domain/hub-cycle/hub-cycle.events';
import type { ParcelEvent } from '../../domain/parcel/parcel.events';
import { ana, at, command, covering, hash, inEffect, hub, NEIGHBOUR, PARCEL_ID, RECORDING, recorded, retailer, standing } from '../../domain/parcel/parcel.fixtures';
import { CUSTODY_STEPS, custodyChainProjection, CustodyChainDocument, CustodyStepDocument, CycleIntake } from './custody-chain.projection';
import { custodyChainView, LONG_HOLD_MS } from './custody-chain.view';

const bo = { kind: 'courier' as const, id: standing.gigCourier.id };

/** When the server recorded the index-th event: later than any stated time in these specs, as after an offline sync. */
const recordedAtOf = (index: number) => at(120 + index);

/** The event as the projector hands it over: the index-th of the parcel's stream. */
const envelopeOf = (event: ParcelEvent, index: number) =>
  ({
    ...event,
    schemaVersion: 1,
    streamName: `parcel-${PARCEL_ID}`,
    revision: BigInt(index),
    position: { commit: BigInt(100 + index * 10), prepare: BigInt(100 + index * 10) },
    metadata: { eventId: `event-${index}`, correlationId: 'c', causationId: 'c', actor: { kind: 'test', id: 't' }, occurredAt: at(0), recordedAt: recordedAtOf(index) },
  }) as RecordedEnvelope<ParcelEvent>;

/** Runs recorded events through the projection's handlers and reads back their step documents as the query does. */
function chainOf(events: ParcelEvent[]): CustodyChainDocument {
  const document: CustodyChainDocument = { _id: PARCEL_ID, steps: [] };
  events.forEach((event, index) => {
    for (const change of project(custodyChainProjection, envelopeOf(event, index))) {
      expect(change).toMatchObject({ kind: 'replace', collection: CUSTODY_STEPS, id: `event-${index}` });
      const { parcelId, revision, ...step } = (change as unknown as { document: Omit<CustodyStepDocument, '_id'> }).document;
      expect([parcelId, revision]).toEqual([PARCEL_ID, index]);
      document.steps.push(step);
    }
  });
  return document;
}

const overCapIntake: HubCycleParcelReceived = {
  type: 'HubCycleParcelReceived',
  data: { cycleId: 'cycle-1', hubId: hub.id, parcelId: PARCEL_ID, intakeNumber: 56, overCap: true, receivedAt: at(10) },
};

/** The cycle's count of the parcel, as the projection stores it (applied twice: the same document). */
function intakeOf(event: HubCycleParcelReceived): CycleIntake {
  const envelope = { ...event, metadata: { eventId: 'cycle-event' }, position: { commit: 999n, prepare: 999n } } as unknown as RecordedEnvelope<HubCycleParcelReceived>;
  const [first, again] = [project(custodyChainProjection, envelope), project(custodyChainProjection, envelope)];
  expect(again).toEqual(first);
  // Beside the parcel's steps, so the chain's one read finds it; before them in revision order.
  expect(first).toEqual([expect.objectContaining({ kind: 'replace', collection: CUSTODY_STEPS, id: `intake:cycle-1:${PARCEL_ID}` })]);
  const { parcelId, revision, intake } = (first[0] as unknown as { document: { parcelId: string; revision: number; intake: CycleIntake } }).document;
  expect([parcelId, revision]).toEqual([PARCEL_ID, -1]);
  return intake;
}

const happyPath: ParcelCommand[] = [command.register(), command.receiveAtHub(), command.sort(), command.offer(standing.paidCourier), command.accept(standing.paidCourier), command.deliver(ana)];

describe('custody chain read model', () => {
  it('gives one segment per holder, each ending where the next begins, and no gaps', () => {
    const view = custodyChainView(chainOf(recorded(...happyPath)), { now: at(59) });
    expect(view.segments.map((segment) => [segment.holder, segment.from, segment.to])).toEqual([
      [retailer, at(0), at(10)],
      [hub, at(10), at(22)],
      [ana, at(22), at(45)],
    ]);
    expect(view.segments[1]!.started).toMatchObject({ how: 'ParcelReceivedAtHub', condition: 'intact' });
    expect(view.segments[2]!.ended).toMatchObject({ how: 'ParcelDelivered', evidence: [`sha256:${'b'.repeat(64)}`] });
    expect(view.currentHolder).toBeNull();
    expect(view.gaps).toEqual([]);
    expect(view.flags).toEqual([]);
  });

  it('shows on each segment the waiver in effect when its holder took custody, with its cap, from the step alone', () => {
    const covered = [command.register(), command.receiveAtHub(), command.offer(standing.paidCourier), command.accept(standing.paidCourier, { waiver: covering('w-9', '9') })];
    const view = custodyChainView(chainOf(recorded(...covered)), { now: at(59) });
    expect(view.segments.map((segment) => segment.waiver)).toEqual([null, null, inEffect('w-9', '9')]);
    // As of any instant the segment shows the same waiver: it is the acceptance's fact, not a lookup.
    expect(custodyChainView(chainOf(recorded(...covered)), { now: at(59), asOf: at(30) }).segments[2]!.waiver).toMatchObject({ waiverId: 'w-9', liabilityCap: { amountMinor: 20_000 } });
    // A courier with no waiver recorded (not required): null, as for a hub.
    expect(custodyChainView(chainOf(recorded(...happyPath)), { now: at(59) }).segments[2]!.waiver).toBeNull();
  });

  it('answers as of a past instant: later facts left out, the open segment measured to that instant', () => {
    const view = custodyChainView(chainOf(recorded(...happyPath)), { now: at(59), asOf: at(30) });
    expect(view.currentHolder).toEqual(ana);
    expect(view.segments.at(-1)).toMatchObject({ holder: ana, from: at(22), to: null, ended: null, heldMs: 8 * 60_000 });
    expect(custodyChainView(chainOf(recorded(...happyPath)), { now: at(59), asOf: at(5) }).segments).toHaveLength(1);
  });

  it('flags a hold longer than 24 hours, while it lasts and after it ended', () => {
    const chain = chainOf(recorded(command.register(), command.receiveAtHub()));
    const later = new Date(Date.parse(at(10)) + LONG_HOLD_MS + 60_000).toISOString();
    expect(custodyChainView(chain, { now: later }).segments[1]!.flags).toEqual(['held-over-24h']);
    expect(custodyChainView(chain, { now: at(59) }).flags).toEqual([]);
  });

  it('flags an over-cap intake, a declined offer and a condition that changed between handoffs', () => {
    const events = recorded(
      command.register(),
      command.receiveAtHub({ cycle: { cycleId: 'cycle-1' } }),
      command.offer(standing.gigCourier, { handoffId: 'handoff-1' }),
      command.decline(bo, { handoffId: 'handoff-1', reason: 'bike is full' }),
      command.offer(standing.paidCourier, { handoffId: 'handoff-2', offeredAt: at(25) }),
      command.accept(standing.paidCourier, { handoffId: 'handoff-2', acceptedAt: at(26), condition: { condition: 'damaged', notes: 'wet corner' } }),
    );
    const view = custodyChainView({ ...chainOf(events), intakes: [intakeOf(overCapIntake)] }, { now: at(59) });
    expect(view.segments[1]!.flags).toEqual(['over-cap-cycle', 'condition-changed']);
    expect(view.declinedOffers).toEqual([{ handoffId: 'handoff-1', from: hub, to: bo, reason: 'bike is full', at: at(23), recordedAt: recordedAtOf(3) }]);
    expect(view.flags).toEqual(expect.arrayContaining(['over-cap-cycle', 'condition-changed', 'declined-offer']));
  });

  it("flags an intake over the cap only from the cycle's own count, for the cycle the receive named", () => {
    const chain = chainOf(recorded(command.register(), command.receiveAtHub({ cycle: { cycleId: 'cycle-1' } })));
    expect(custodyChainView(chain, { now: at(59) }).flags).toEqual([]);
    expect(custodyChainView({ ...chain, intakes: [{ ...intakeOf(overCapIntake), overCap: false }] }, { now: at(59) }).flags).toEqual([]);
    expect(custodyChainView({ ...chain, intakes: [{ ...intakeOf(overCapIntake), cycleId: 'cycle-2' }] }, { now: at(59) }).flags).toEqual([]);
    expect(custodyChainView({ ...chain, intakes: [intakeOf(overCapIntake)] }, { now: at(59) }).flags).toEqual(['over-cap-cycle']);
  });

  it('follows a parcel left with a neighbour: the neighbour holds it by a recorded handoff', () => {
    const events = recorded(
      ...happyPath.slice(0, 5),
      command.attempt(ana, {
        option: 'leave-with-neighbour',
        neighbour: NEIGHBOUR,
        handoffId: 'handoff-neighbour',
        condition: { condition: 'intact' },
        evidence: [hash('d')],
        deviceTime: at(40),
      }),
    );
    const view = custodyChainView(chainOf(events), { now: at(59) });
    expect(view.currentHolder).toEqual({ kind: 'neighbour', id: NEIGHBOUR.subjectId });
    expect(view.segments.at(-2)).toMatchObject({ holder: ana, to: at(40) });
    expect(view.gaps).toEqual([]);
  });

  it('shows a missing link when custody is taken from someone other than the holder on record', () => {
    const chain = chainOf(recorded(...happyPath.slice(0, 5)));
    // A hub intake recorded from another courier than the one holding the parcel (e.g. an
    // unrecorded swap between runners): the read model must show the break, not hide it.
    chain.steps.push({ position: 999, eventId: 'odd', type: 'ParcelReturnedToDepot', at: at(50), recordedAt: at(50), effect: 'takes-custody', holder: hub, from: bo, condition: 'intact' });
    const view = custodyChainView(chain, { now: at(59) });
    expect(view.gaps).toEqual([{ kind: 'unrecorded-handover', from: at(50), to: at(50), after: ana, before: bo }]);
    expect(view.flags).toContain('gap');
  });

  it('records incidents on the holder of the time and ends custody on a loss', () => {
    const events = recorded(...happyPath.slice(0, 5), command.report(ana, 'lost', { reportedAt: at(35), discoveredAt: at(33) }));
    const view = custodyChainView(chainOf(events), { now: at(59) });
    expect(view.currentHolder).toBeNull();
    expect(view.segments.at(-1)).toMatchObject({ holder: ana, to: at(35), flags: ['incident-reported'] });
    expect(view.incidents).toEqual([{ kind: 'lost', reportedBy: ana, at: at(35), recordedAt: recordedAtOf(5), discoveredAt: at(33), description: 'corner of the box crushed' }]);
  });

  it("shows the server's recordedAt beside every stated time, and flags a backfilled fact backdated", () => {
    const fourDaysLater = { ...RECORDING, now: new Date(Date.parse(at(10)) + 96 * 3_600_000).toISOString() };
    const events = recorded(command.register(), command.receiveAtHub({ recording: fourDaysLater }), command.sort({ recording: fourDaysLater }));
    const view = custodyChainView(chainOf(events), { now: at(59) });
    expect(view.segments.map((segment) => segment.started)).toEqual([
      expect.objectContaining({ how: 'ParcelRegistered', at: at(0), recordedAt: recordedAtOf(0) }),
      expect.objectContaining({ how: 'ParcelReceivedAtHub', at: at(10), recordedAt: recordedAtOf(1), backdated: true }),
    ]);
    expect(view.segments[0]!.started.backdated).toBeUndefined();
    expect(view.segments[0]!.ended).toMatchObject({ recordedAt: recordedAtOf(1), backdated: true });
    expect(view.segments.map((segment) => segment.flags)).toEqual([['backdated'], ['backdated']]);
    expect(view.flags).toContain('backdated');
    expect(custodyChainView(chainOf(recorded(...happyPath)), { now: at(59) }).flags).not.toContain('backdated');
  });

  it('writes each fact as its own small document, keyed by its event id, whatever the length of the history', () => {
    const events = recorded(...happyPath);
    const sizes = events.map((event, index) => {
      const changes = project(custodyChainProjection, envelopeOf(event, index));
      expect(changes).toEqual([expect.objectContaining({ kind: 'replace', id: `event-${index}` })]);
      return JSON.stringify(changes).length;
    });
    expect(Math.max(...sizes)).toBeLessThan(1_000);
  });
});
