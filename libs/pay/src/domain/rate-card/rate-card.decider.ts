import type { Decider } from '@handoff/kernel';
import type { RateCardCommand } from './rate-card.commands';
import { decide } from './rate-card.decide';
import type { RateCardEvent } from './rate-card.events';
import { evolve } from './rate-card.evolve';
import { initialState, type RateCard } from './rate-card.state';

export const rateCardDecider: Decider<RateCardCommand, RateCard, RateCardEvent> = { decide, evolve, initialState };
