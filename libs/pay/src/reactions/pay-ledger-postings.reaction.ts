/**
 * Posts what a parcel's pay stream decided to the payees' ledgers (ADR 0026), in `$all` order:
 * priced lines (behind any hold on the parcel at pricing time), and holds placed or lifted on the
 * parcel, to every ledger its pay had reached by then. Commands on one ledger run in `$all` order
 * (ADR 0017), and a parcel's pay stream is one stream, so in each ledger a hold and the parcel's
 * postings land in the order the parcel's stream decided them.
 */
import { defineReaction } from '@handoff/reactions';
import type { ReactionCommand } from '@handoff/reactions';
import type { ParcelPayEvent } from '../domain/parcel-pay/parcel-pay.events';
import type { HubRetainerEvent } from '../domain/hub-retainer/hub-retainer';
import type { CourierRunEnded } from '../domain/courier-run/courier-run';
import type { AccrueShift, HoldLedgerParcelPay, RecordAccruals, ReleaseLedgerParcelPay } from '../commands/ledger.handlings';

export const payLedgerPostingsReaction = defineReaction<ParcelPayEvent | HubRetainerEvent | CourierRunEnded>({
  name: 'pay-ledger-postings',
  version: 1,
  handlers: {
    ParcelPayPriced: ({ data }) =>
      data.postings.flatMap((posting): ReactionCommand[] => {
        const { participantId, period } = posting;
        const holds =
          posting.parcelId === null
            ? []
            : data.activeHolds.map((hold): ReactionCommand => ({
                type: 'HoldLedgerParcelPay',
                data: { participantId, period, parcelId: data.parcelId, ...hold } satisfies HoldLedgerParcelPay['data'],
              }));
        return [...holds, { type: 'RecordAccruals', data: posting satisfies RecordAccruals['data'] }];
      }),
    CoordinatorRetainerPriced: ({ data: { posting } }) => (posting ? [{ type: 'RecordAccruals', data: posting satisfies RecordAccruals['data'] }] : []),
    CourierRunEnded: ({ data: { shiftId, sourceEventId, participantId, period, hubId, run, routeId, startedAt, endedAt } }) => {
      const shift: AccrueShift['data'] = { participantId, period, sourceEventId, shiftId, hubId, work: { kind: 'courier', run, routeId }, startedAt, endedAt };
      return [{ type: 'AccrueShift', data: shift }];
    },
    ParcelPayHoldPlaced: ({ data: { parcelId, holdId, reason, placedBy, placedAt, ledgers } }) =>
      ledgers.map(({ participantId, period }) => ({
        type: 'HoldLedgerParcelPay',
        data: { participantId, period, parcelId, holdId, reason, placedBy, placedAt } satisfies HoldLedgerParcelPay['data'],
      })),
    ParcelPayHoldLifted: ({ data: { holdId, releasedBy, releasedAt, ledgers } }) =>
      ledgers.map(({ participantId, period }) => ({ type: 'ReleaseLedgerParcelPay', data: { participantId, period, holdId, releasedBy, releasedAt } satisfies ReleaseLedgerParcelPay['data'] })),
  },
});
