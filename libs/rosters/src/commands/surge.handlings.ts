import { handleCommand } from '@handoff/commands';
import type { Command } from '@handoff/kernel';
import type { RostersConfig } from '@handoff/shared';
import type {
  ClaimSurgeOffer as ClaimDomain,
  DeclareSurgeWindow as DeclareDomain,
  OfferSurgeDelivery as OfferDomain,
  ReleaseSurgeDeliveryToGig as ReleaseDomain,
  SurgeCommand,
} from '../domain/surge/surge.commands';
import { surgeDecider } from '../domain/surge/surge.decider';
import type { SurgeEvent } from '../domain/surge/surge.events';
import type { SurgeWindow } from '../domain/surge/surge.state';
import { rosterErrors } from '../domain/shared/roster.errors';
import type { RosterRecords } from './roster-records';
import { rosterStreams } from './roster-streams';

/** A window's limit and lapse time may be stated; the configured ones apply otherwise. */
export type DeclareSurgeWindow = Command<'DeclareSurgeWindow', Pick<DeclareDomain, 'windowId' | 'hubId' | 'from' | 'until'> & { offerLimitPerBlock?: number; offerLapseMinutes?: number }>;
export type OfferSurgeDelivery = Command<'OfferSurgeDelivery', Pick<OfferDomain, 'windowId' | 'offerId' | 'blockId' | 'parcelId'>>;
export type ReleaseSurgeDeliveryToGig = Command<'ReleaseSurgeDeliveryToGig', Pick<ReleaseDomain, 'windowId' | 'blockId' | 'parcelId'>>;
export type RecordSurgeLapses = Command<'RecordSurgeLapses', { windowId: string }>;
export type ClaimSurgeOffer = Command<'ClaimSurgeOffer', Pick<ClaimDomain, 'windowId' | 'offerId'>>;
export type DeclineSurgeOffer = Command<'DeclineSurgeOffer', Pick<ClaimDomain, 'windowId' | 'offerId'>>;

type HubWindowCommand = OfferSurgeDelivery | ReleaseSurgeDeliveryToGig | RecordSurgeLapses;

/**
 * How surge commands are decided (ADR 0016, ADR 0028), all on `surge-<windowId>` at the server's
 * time: the hub's coordinator (or an admin) declares, offers and releases; the sweep of lapses may
 * also be a reaction's (`system`); the volunteer claims or declines their own offers.
 */
export function surgeHandlings(records: RosterRecords, config: RostersConfig) {
  const onWindow = <C extends HubWindowCommand>(type: C['type'], roles: string[], toDomain: (command: C, window: Extract<SurgeWindow, { status: 'declared' }>) => Promise<SurgeCommand>) =>
    handleCommand<C, SurgeCommand, SurgeWindow, SurgeEvent>({
      type,
      decider: surgeDecider,
      roles,
      streamOf: (command) => rosterStreams.surge(command.data.windowId),
      toDomain: async (command, state) => {
        // No window, no hub to ask about: refused before anything else is read.
        if (state.status !== 'declared') throw rosterErrors.windowNotFound(command.data.windowId);
        return toDomain(command, state);
      },
      created: ({ data }): Record<string, string> => ('offerId' in data ? { windowId: data.windowId, offerId: data.offerId } : { windowId: data.windowId }),
    });
  const volunteer = <C extends ClaimSurgeOffer | DeclineSurgeOffer>(type: C['type']) =>
    handleCommand<C, SurgeCommand, SurgeWindow, SurgeEvent>({
      type,
      decider: surgeDecider,
      roles: ['courier'],
      streamOf: (command) => rosterStreams.surge(command.data.windowId),
      toDomain: async ({ data, metadata }) => {
        const participant = await records.participant(metadata.actor.id);
        return { type, windowId: data.windowId, offerId: data.offerId, participantId: metadata.actor.id, participantSuspended: participant?.suspended ?? false, now: metadata.now };
      },
      created: ({ data }) => ({ windowId: data.windowId, offerId: data.offerId }),
    });

  return [
    handleCommand<DeclareSurgeWindow, SurgeCommand, SurgeWindow, SurgeEvent>({
      type: 'DeclareSurgeWindow',
      decider: surgeDecider,
      roles: ['coordinator', 'admin'],
      streamOf: (command) => rosterStreams.surge(command.data.windowId),
      toDomain: async ({ data, metadata }) => ({
        type: 'DeclareSurgeWindow',
        windowId: data.windowId,
        hubId: data.hubId,
        from: data.from,
        until: data.until,
        offerLimitPerBlock: data.offerLimitPerBlock ?? config.surgeOfferLimitPerBlock,
        offerLapseMs: data.offerLapseMinutes === undefined ? config.surgeOfferLapseMs : data.offerLapseMinutes * 60_000,
        now: metadata.now,
        ...(await records.hubActor(metadata.actor, data.hubId)),
      }),
      created: ({ data }) => ({ windowId: data.windowId }),
    }),
    onWindow<OfferSurgeDelivery>('OfferSurgeDelivery', ['coordinator', 'admin'], async ({ data, metadata }, window) => {
      const acting = await records.hubActor(metadata.actor, window.hubId);
      return { ...data, type: 'OfferSurgeDelivery', now: metadata.now, ...acting, sorter: await records.sorter(window.hubId, data.blockId, metadata.now) };
    }),
    onWindow<ReleaseSurgeDeliveryToGig>('ReleaseSurgeDeliveryToGig', ['coordinator', 'admin'], async ({ data, metadata }, window) => {
      const acting = await records.hubActor(metadata.actor, window.hubId);
      // Who sorts the block matters only for a parcel never offered.
      const sorter = window.offerOfParcel[data.parcelId] ? null : await records.sorter(window.hubId, data.blockId, metadata.now);
      return { ...data, type: 'ReleaseSurgeDeliveryToGig', now: metadata.now, ...acting, sorter };
    }),
    onWindow<RecordSurgeLapses>('RecordSurgeLapses', ['coordinator', 'admin', 'system'], async ({ data, metadata }, window) => ({
      type: 'RecordSurgeLapses',
      windowId: data.windowId,
      now: metadata.now,
      ...(await records.hubActor(metadata.actor, window.hubId)),
    })),
    volunteer<ClaimSurgeOffer>('ClaimSurgeOffer'),
    volunteer<DeclineSurgeOffer>('DeclineSurgeOffer'),
  ];
}
