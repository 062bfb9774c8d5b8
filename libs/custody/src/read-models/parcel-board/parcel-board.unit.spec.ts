import { update as applyUpdate } from 'mingo';
import type { RecordedEnvelope } from '@handoff/eventstore';
import { project } from '@handoff/projections';
import type { ParcelCommand } from '../../domain/parcel/parcel.commands';
import type { HubCycleParcelReceived } from '../../domain/hub-cycle/hub-cycle.events';
import type { ParcelEvent } from '../../domain/parcel/parcel.events';
import { ana, at, command, hash, hub, NEIGHBOUR, PARCEL_ID, recorded, retailer, standing } from '../../domain/parcel/parcel.fixtures';
import { PARCELS, parcelBoardProjection } from './parcel-board.projection';

type Board = Record<string, unknown>;

/**
 * Folds the projection's changes for recorded events into one document with mingo's update
 * operators (the library the embedded MongoDB-compatible server uses), twice over, to show a
 * replay changes nothing.
 */
function boardAfter(commands: ParcelCommand[]): Board {
  return boardOf(recorded(...commands));
}

function boardOf(events: Array<ParcelEvent | HubCycleParcelReceived>): Board {
  const document: Board = { _id: PARCEL_ID };
  let firstPass = '';
  for (const round of [1, 2]) {
    events.forEach((event, index) => {
      const envelope = { ...event, metadata: { eventId: `e-${index}` }, position: { commit: BigInt(index + 1), prepare: BigInt(index + 1) } } as unknown as RecordedEnvelope<
        ParcelEvent | HubCycleParcelReceived
      >;
      for (const change of project(parcelBoardProjection, envelope)) {
        expect(change).toMatchObject({ kind: 'upsert', collection: PARCELS, id: PARCEL_ID });
        applyUpdate(document, (change as unknown as { update: Record<string, never> }).update);
      }
      Object.assign(document, parcelBoardProjection.collections[PARCELS]!.derive!(document));
    });
    if (round === 1) firstPass = JSON.stringify(document);
  }
  expect(JSON.stringify(document)).toBe(firstPass);
  return document;
}

const toHub = [command.register(), command.receiveAtHub()];
const toAna = [...toHub, command.offer(standing.paidCourier), command.accept(standing.paidCourier)];

describe('parcel board read model', () => {
  it('starts with the retailer holding a registered parcel, recipient still sealed', () => {
    expect(boardAfter([command.register()])).toMatchObject({
      status: 'registered',
      holder: retailer,
      holderKey: `retailer:${retailer.id}`,
      heldSince: at(0),
      retailerId: retailer.id,
      destinationHubId: hub.id,
      recipient: { subjectId: 'recipient-1', algorithm: 'AES-256-GCM' },
      declaredValue: { amountMinor: 4_000, currency: 'USD' },
    });
  });

  it('follows custody to the hub (flagging an over-cap intake) and to the courier who accepted', () => {
    const intake = (overCap: boolean): HubCycleParcelReceived => ({
      type: 'HubCycleParcelReceived',
      data: { cycleId: 'c-9', hubId: hub.id, parcelId: PARCEL_ID, intakeNumber: overCap ? 56 : 3, overCap, receivedAt: at(10) },
    });
    const [registered, received] = recorded(command.register(), command.receiveAtHub({ cycle: { cycleId: 'c-9' } }));
    expect(boardOf([registered!, received!, intake(true)])).toMatchObject({ status: 'at-hub', holder: hub, currentHubId: hub.id, cycleId: 'c-9', flags: ['over-cap'] });
    expect(boardOf([registered!, received!, intake(false)])).not.toHaveProperty('flags');
    // The cycle counts the intake after the receive, maybe after the parcel moved on: the same flag.
    const onward = recorded(...toAna);
    expect(boardOf([...onward, intake(true)])).toMatchObject({ status: 'with-courier', holder: ana, flags: ['over-cap'] });
    expect(boardAfter(toAna)).toMatchObject({ status: 'with-courier', holder: ana, heldSince: at(22), openOffer: null, offeredToKey: null });
  });

  it('shows an open offer and to whom, then a declined one as a flag and a count', () => {
    expect(boardAfter([...toHub, command.offer(standing.paidCourier)])).toMatchObject({
      openOffer: { handoffId: 'handoff-1', from: hub, to: ana },
      offeredToKey: `courier:${ana.id}`,
      holder: hub,
    });
    expect(boardAfter([...toHub, command.offer(standing.paidCourier), command.decline(ana)])).toMatchObject({
      openOffer: null,
      declinedHandoffIds: ['handoff-1'],
      flags: ['declined-offer'],
    });
  });

  it('records failed attempts, a neighbour taking custody, and delivery closing custody', () => {
    const leftWithNeighbour = [
      ...toAna,
      command.attempt(ana, { option: 'leave-with-neighbour', neighbour: NEIGHBOUR, handoffId: 'h-n', condition: { condition: 'intact' }, evidence: [hash('d')], deviceTime: at(40) }),
    ];
    expect(boardAfter(leftWithNeighbour)).toMatchObject({
      status: 'with-neighbour',
      holder: { kind: 'neighbour', id: NEIGHBOUR.subjectId },
      failedAttemptIds: ['attempt-1'],
      flags: ['failed-attempt'],
    });
    expect(boardAfter([...toAna, command.deliver(ana)])).toMatchObject({ status: 'delivered', holder: null, holderKey: null, lastHolder: ana, deliveredTo: 'recipient' });
  });

  it('ends custody on a loss while moving, but only flags one reported after delivery', () => {
    expect(boardAfter([...toAna, command.report(ana, 'stolen')])).toMatchObject({ status: 'lost', holder: null, lastHolder: ana, flags: ['stolen'] });
    expect(boardAfter([...toAna, command.deliver(ana), command.report(retailer, 'lost', { reportedAt: at(58) })])).toMatchObject({
      status: 'delivered',
      flags: ['lost'],
      lossReportedAt: at(58),
    });
  });

  it('flags damage and keeps the condition', () => {
    expect(boardAfter([...toAna, command.report(ana, 'damaged')])).toMatchObject({ condition: 'damaged', flags: ['damaged'], holder: ana });
  });

  it('brings a returned parcel back to the hub, then closes it when returned to sender', () => {
    const back = [...toAna, command.returnToDepot(hub, { actor: hub })];
    expect(boardAfter(back)).toMatchObject({ status: 'at-hub', holder: hub });
    expect(boardAfter([...back, command.returnToSender(hub)])).toMatchObject({ status: 'returned-to-sender', holder: null, lastHolder: hub });
  });

  it('lists the parcel under every scope that may see it, alone and with each filter it matches', () => {
    const registered = boardAfter([command.register()]);
    expect(registered.visibleTo).toEqual(['*', `retailer:${retailer.id}`, `hub:${hub.id}`]);
    expect(registered.listedUnder).toEqual(
      expect.arrayContaining(['*', `*/status=registered`, `retailer:${retailer.id}/holder=retailer:${retailer.id}`, `hub:${hub.id}/retailer=${retailer.id}`, `hub:${hub.id}/hub=${hub.id}`]),
    );
    const withAna = boardAfter([...toAna]);
    expect(withAna.visibleTo).toContain(`courier:${ana.id}`);
    expect(withAna.listedUnder).toEqual(expect.arrayContaining([`courier:${ana.id}`, `courier:${ana.id}/status=with-courier`, `*/holder=courier:${ana.id}`]));
    expect(withAna.listedUnder).not.toContain('*/status=at-hub');
    // delivered: Ana still sees it (she held it last); it is no longer listed as held by her
    const delivered = boardAfter([...toAna, command.deliver(ana)]);
    expect(delivered.visibleTo).toContain(`courier:${ana.id}`);
    expect(delivered.listedUnder).toEqual(expect.arrayContaining([`courier:${ana.id}/status=delivered`]));
    expect((delivered.listedUnder as string[]).some((tag) => tag.includes('holder='))).toBe(false);
    const declined = boardAfter([...toHub, command.offer(standing.paidCourier), command.decline(ana)]);
    expect(declined.visibleTo).not.toContain(`courier:${ana.id}`);
    expect(declined.listedUnder).toContain(`hub:${hub.id}/flag=declined-offer`);
  });

  it("keeps each document's list item as JSON text, following every change, with nothing internal or personal in it", () => {
    const registered = boardAfter([command.register()]);
    expect(JSON.parse(registered.listItem as string)).toMatchObject({
      parcelId: PARCEL_ID,
      status: 'registered',
      holder: retailer,
      recipient: { subjectId: 'recipient-1' },
      flags: [],
      declinedOffers: 0,
    });
    const declined = boardAfter([...toHub, command.offer(standing.paidCourier), command.decline(ana)]);
    expect(JSON.parse(declined.listItem as string)).toMatchObject({ status: 'at-hub', holder: hub, openOffer: null, flags: ['declined-offer'], declinedOffers: 1 });
    const delivered = JSON.parse(boardAfter([...toAna, command.deliver(ana)]).listItem as string);
    expect(delivered).toMatchObject({ status: 'delivered', holder: null, lastHolder: ana });
    for (const internal of ['_id', '_position', 'listedUnder', 'visibleTo', 'holderKey', 'offeredToKey', 'listItem', 'declinedHandoffIds', 'failedAttemptIds'])
      expect(delivered).not.toHaveProperty(internal);
    // The recipient is named by subject only: the sealed envelope's ciphertext never reaches a list.
    expect(delivered.recipient).toEqual({ subjectId: 'recipient-1' });
  });
});
