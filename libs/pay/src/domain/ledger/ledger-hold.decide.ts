import type { PlaceParcelPayHold, ReleaseParcelPayHold } from './ledger.commands';
import { ledgerErrors } from './ledger.errors';
import type { LedgerEvent } from './ledger.events';
import { ledgerFor, requireId, requireInstant, requireText } from './ledger.guards';
import { activeHoldsOn, type OpenPayLedger, type PayLedger } from './ledger.state';

/**
 * Holds are per parcel (a dispute names one). A hold reaches the parcel's accruals that are not on
 * a statement yet, and any recorded while it lasts; what a statement already states is paid as
 * stated, and a finding against the participant is then a clawback.
 */
export function placeParcelPayHold(command: PlaceParcelPayHold, state: PayLedger): LedgerEvent[] {
  const ledger = ledgerFor(command, state);
  const { participantId, period, holdId, parcelId, reason, placedBy, placedAt } = command;
  const existing = ledger.holds[holdId];
  if (existing) {
    if (existing.parcelId === parcelId) return [];
    throw ledgerErrors.alreadyRecorded(participantId, period, 'Hold', holdId);
  }
  requireId(ledger, 'holdId', holdId);
  requireId(ledger, 'parcelId', parcelId);
  requireText(ledger, 'reason', reason);
  requireId(ledger, 'placedBy', placedBy);
  requireInstant(ledger, 'placedAt', placedAt);
  const heldAccrualIds = unstatedAccrualIdsOn(ledger, parcelId);
  return [{ type: 'ParcelPayHeld', data: { participantId, period, holdId, parcelId, reason, heldAccrualIds, placedBy, placedAt } }];
}

export function releaseParcelPayHold(command: ReleaseParcelPayHold, state: PayLedger): LedgerEvent[] {
  const ledger = ledgerFor(command, state);
  const { participantId, period, holdId, releasedBy, releasedAt } = command;
  const hold = ledger.holds[holdId];
  if (!hold) throw ledgerErrors.holdNotFound(participantId, period, holdId);
  if (!hold.active) return [];
  requireId(ledger, 'releasedBy', releasedBy);
  requireInstant(ledger, 'releasedAt', releasedAt);
  // Another hold on the same parcel keeps its accruals back until it too is released.
  const stillHeld = activeHoldsOn(ledger, hold.parcelId).some((other) => other !== holdId);
  const releasedAccrualIds = stillHeld ? [] : unstatedAccrualIdsOn(ledger, hold.parcelId);
  return [{ type: 'ParcelPayHoldReleased', data: { participantId, period, holdId, parcelId: hold.parcelId, releasedAccrualIds, releasedBy, releasedAt } }];
}

const unstatedAccrualIdsOn = (ledger: OpenPayLedger, parcelId: string): string[] =>
  [...ledger.accruals.values()].filter((accrual) => accrual.parcelId === parcelId && accrual.statementId === null).map((accrual) => accrual.accrualId);
