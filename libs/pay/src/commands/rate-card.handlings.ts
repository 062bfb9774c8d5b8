import { handleCommand } from '@handoff/commands';
import type { Command } from '@handoff/kernel';
import type { PublishRateCardVersion as PublishDomain, RateCardCommand } from '../domain/rate-card/rate-card.commands';
import { rateCardDecider } from '../domain/rate-card/rate-card.decider';
import type { RateCardEvent } from '../domain/rate-card/rate-card.events';
import type { RateCard } from '../domain/rate-card/rate-card.state';
import { payAccessErrors } from '../domain/shared/pay-access.errors';
import { payStreams, rateCardIdOf } from '../pay-streams';
import type { PayRecords } from './pay-records';

/** The next version of an owner's rate card; the card's id follows from its owner (`hub:<id>`, `collective:<id>`). */
export type PublishRateCardVersion = Command<'PublishRateCardVersion', Pick<PublishDomain, 'owner' | 'version' | 'effectiveFrom' | 'rates'>>;

/**
 * Rate cards on `ratecard-<owner kind>:<owner id>`: an admin publishes any card; a hub's operating
 * coordinator publishes their own hub's (their key names the hub, and the hub's stream must name
 * them as its coordinator now). Versions are published at the server's time.
 */
export function rateCardHandlings(records: PayRecords) {
  return [
    handleCommand<PublishRateCardVersion, RateCardCommand, RateCard, RateCardEvent>({
      type: 'PublishRateCardVersion',
      decider: rateCardDecider,
      roles: ['admin', 'coordinator'],
      streamOf: ({ data }) => payStreams.rateCard(rateCardIdOf(data.owner)),
      toDomain: async ({ data, metadata }) => {
        const { actor } = metadata;
        if (actor.role === 'coordinator') {
          // Refused on the key's own claim first, so another hub's coordinator learns nothing of this hub.
          if (data.owner.kind !== 'hub' || actor.hubId !== data.owner.id) throw payAccessErrors.notHubCoordinator(data.owner.id, actor.id);
          const [hub, coordinator] = await Promise.all([records.party(data.owner.id), records.party(actor.id)]);
          // A suspended coordinator, or one the hub has since replaced, publishes nothing.
          if (hub?.profile.operatingCoordinatorId !== actor.id || coordinator?.status !== 'active') throw payAccessErrors.notHubCoordinator(data.owner.id, actor.id);
        }
        return { ...data, type: 'PublishRateCardVersion', rateCardId: rateCardIdOf(data.owner), publishedBy: actor.id, publishedAt: metadata.now };
      },
      created: ({ data }) => ({ rateCardId: rateCardIdOf(data.owner), version: String(data.version) }),
    }),
  ];
}
