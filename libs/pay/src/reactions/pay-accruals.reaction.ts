/**
 * Accruals (ADR 0026): custody's and rosters' facts turned into pay. A parcel's facts are priced on
 * the pay context's own stream of that parcel (`payparcel-<id>`), where holds are decided too; the
 * `pay-ledger-postings` reaction then posts each priced line to its payee's ledger. Shifts, which
 * belong to no parcel, are priced on their worker's ledger directly, except a courier's loop, whose
 * dead-mile top-up waits behind the loop's deliveries (pay-ledger-postings posts it). Every command is keyed by its
 * source event (ADR 0017), and the pay deciders record a source event once, so a replay after a
 * crash pays nothing twice.
 */
import type { ParcelEvent } from '@handoff/custody';
import { defineReaction } from '@handoff/reactions';
import type { ShiftWorked, SurgeDeliveryClaimed } from '@handoff/rosters';
import { payPeriodOf } from '../domain/shared/time';
import type { AccrueShift, NoteCourierRunEnded } from '../commands/ledger.handlings';
import type { NoteSurgeClaim, PriceHubRetainer, PriceParcelDelivery, PriceParcelIntake } from '../commands/parcel-pay.handlings';

export type PayAccrualSource = ParcelEvent | ShiftWorked | SurgeDeliveryClaimed;

export const payAccrualsReaction = defineReaction<PayAccrualSource>({
  name: 'pay-accruals',
  version: 1,
  handlers: {
    ParcelDelivered: ({ data, metadata, revision }) => {
      const priced: PriceParcelDelivery['data'] = {
        parcelId: data.parcelId,
        sourceEventId: metadata.eventId,
        sourceRevision: String(revision),
        deliveredBy: { kind: data.deliveredBy.kind, id: data.deliveredBy.id },
        deliveredAt: data.deliveredAt,
      };
      return [{ type: 'PriceParcelDelivery', data: priced }];
    },
    ParcelReceivedAtHub: ({ data, metadata, revision }) => {
      const priced: PriceParcelIntake['data'] & PriceHubRetainer['data'] = {
        parcelId: data.parcelId,
        sourceEventId: metadata.eventId,
        sourceRevision: String(revision),
        hubId: data.hubId,
        receivedAt: data.receivedAt,
      };
      return [
        { type: 'PriceParcelIntake', data: priced },
        { type: 'PriceHubRetainer', data: priced },
      ];
    },
    SurgeDeliveryClaimed: ({ data }) => {
      const claim: NoteSurgeClaim['data'] = {
        parcelId: data.parcelId,
        offerId: data.offerId,
        windowId: data.windowId,
        hubId: data.hubId,
        participantId: data.participantId,
        claimedAt: data.claimedAt,
      };
      return [{ type: 'NoteSurgeClaim', data: claim }];
    },
    ShiftWorked: ({ data, metadata }) => {
      const { shiftId, hubId, participantId, work, startedAt, endedAt } = data;
      const period = payPeriodOf(startedAt);
      if (work.kind === 'courier') {
        // The top-up sums the loop's deliveries: noted only after every earlier delivery is priced, posted behind them.
        const ended: NoteCourierRunEnded['data'] = { shiftId, sourceEventId: metadata.eventId, participantId, period, hubId, run: work.run, routeId: work.routeId, startedAt, endedAt };
        return [{ type: 'NoteCourierRunEnded', data: ended, afterEarlierEvents: true }];
      }
      const shift: AccrueShift['data'] = { participantId, period, sourceEventId: metadata.eventId, shiftId, hubId, work, startedAt, endedAt };
      return [{ type: 'AccrueShift', data: shift }];
    },
  },
});
