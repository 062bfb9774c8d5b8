import type { RateCardEvent } from './rate-card.events';
import type { RateCard } from './rate-card.state';

export const evolve = (state: RateCard, event: RateCardEvent): RateCard => {
  switch (event.type) {
    case 'RateCardVersionPublished': {
      const { rateCardId, owner } = event.data;
      const versions = state.status === 'published' ? state.versions : [];
      return { status: 'published', rateCardId, owner, versions: [...versions, event.data] };
    }
    default: {
      const _never: never = event.type;
      return _never;
    }
  }
};
