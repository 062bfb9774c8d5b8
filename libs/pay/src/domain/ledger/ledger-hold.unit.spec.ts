import { deciderSpecification } from '@handoff/testing';
import { command, LEDGER, recorded, at } from './ledger.fixtures';
import { payLedgerDecider } from './ledger.decider';
import type { LedgerEvent } from './ledger.events';

const { given } = deciderSpecification(payLedgerDecider);

const held = (holdId: string, n: number, heldAccrualIds: string[]): LedgerEvent => ({
  type: 'ParcelPayHeld',
  data: { ...LEDGER, holdId, parcelId: `parcel-${n}`, reason: 'Dispute d-1: dented power tool', heldAccrualIds, placedBy: 'disputes', placedAt: at(15) },
});
const released = (holdId: string, n: number, releasedAccrualIds: string[]): LedgerEvent => ({
  type: 'ParcelPayHoldReleased',
  data: { ...LEDGER, holdId, parcelId: `parcel-${n}`, releasedAccrualIds, releasedBy: 'disputes', releasedAt: at(18) },
});

describe('PlaceParcelPayHold', () => {
  it("holds the parcel's accruals that are not on a statement yet", () => {
    given(recorded(command.accrue(1), command.accrue(2)))
      .when(command.hold('hold-1', 1))
      .then([held('hold-1', 1, ['delivered-1/delivery'])]);
  });

  it('holds a parcel before any of its pay is recorded, even in an empty ledger', () => {
    given([])
      .when(command.hold('hold-1', 1))
      .then([held('hold-1', 1, [])]);
  });

  it('leaves what a statement already states alone: a finding against the courier is a clawback', () => {
    given(recorded(command.accrue(1), command.issue('st-1')))
      .when(command.hold('hold-1', 1))
      .then([held('hold-1', 1, [])]);
  });

  it('does nothing when the same hold is placed again', () => {
    given(recorded(command.hold('hold-1', 1)))
      .when(command.hold('hold-1', 1))
      .thenNothing();
  });

  it('refuses a used hold id for another parcel', () => {
    given(recorded(command.hold('hold-1', 1)))
      .when(command.hold('hold-1', 2))
      .thenThrows('PAY.ALREADY_RECORDED');
  });
});

describe('ReleaseParcelPayHold', () => {
  it('releases the held accruals, recorded before or during the hold', () => {
    given(recorded(command.accrue(1), command.hold('hold-1', 1), command.accrue(1, undefined, { sourceEventId: 'delivered-1b' })))
      .when(command.release('hold-1'))
      .then([released('hold-1', 1, ['delivered-1/delivery', 'delivered-1b/delivery'])]);
  });

  it('releases nothing while another hold on the parcel lasts', () => {
    given(recorded(command.accrue(1), command.hold('hold-1', 1), command.hold('hold-2', 1)))
      .when(command.release('hold-1'))
      .then([released('hold-1', 1, [])]);
    given(recorded(command.accrue(1), command.hold('hold-1', 1), command.hold('hold-2', 1), command.release('hold-1')))
      .when(command.release('hold-2'))
      .then([released('hold-2', 1, ['delivered-1/delivery'])]);
  });

  it('does nothing when released twice', () => {
    given(recorded(command.hold('hold-1', 1), command.release('hold-1')))
      .when(command.release('hold-1'))
      .thenNothing();
  });

  it('refuses to release a hold never placed', () => {
    given([]).when(command.release('hold-1')).thenThrows('PAY.HOLD_NOT_FOUND');
  });
});
