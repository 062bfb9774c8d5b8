import type { RateCardVersionPublished } from './rate-card.events';

/**
 * Publishes version `version` of a rate card (1 for the first, then each next one). Versions are
 * never edited: a change is the next version, effective from a time no earlier than its
 * publication (anything retroactive is an explicit adjustment in the participants' ledgers).
 * It carries exactly what the version records.
 */
export type PublishRateCardVersion = { type: 'PublishRateCardVersion' } & RateCardVersionPublished['data'];

export type RateCardCommand = PublishRateCardVersion;
