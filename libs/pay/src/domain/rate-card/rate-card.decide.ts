import { isDeepStrictEqual } from 'node:util';
import { compareInstants, isUtcInstant } from '../shared/time';
import type { PublishRateCardVersion, RateCardCommand } from './rate-card.commands';
import type { RateCardEvent } from './rate-card.events';
import { rateCardErrors } from './rate-card.errors';
import { isPayId } from '../shared/ids';
import { ratesProblem } from './rate-card.rates.validation';
import type { RateCard } from './rate-card.state';

/** A rate card grows by versions; none is ever changed, and none reaches back before it was published. */
export const decide = (command: RateCardCommand, state: RateCard): RateCardEvent[] => {
  switch (command.type) {
    case 'PublishRateCardVersion':
      return publish(command, state);
    default: {
      const _never: never = command.type;
      return _never;
    }
  }
};

function publish(command: PublishRateCardVersion, state: RateCard): RateCardEvent[] {
  const { rateCardId, owner, version, effectiveFrom, rates, publishedBy, publishedAt } = command;
  const versions = state.status === 'published' ? state.versions : [];
  if (state.status === 'published' && (state.owner.kind !== owner.kind || state.owner.id !== owner.id))
    throw rateCardErrors.ownerMismatch(rateCardId, `${state.owner.kind} ${state.owner.id}`, `${owner.kind} ${owner.id}`);
  const existing = versions.find((published) => published.version === version);
  if (existing) {
    if (isDeepStrictEqual({ effectiveFrom: existing.effectiveFrom, rates: existing.rates }, { effectiveFrom, rates })) return [];
    throw rateCardErrors.versionExists(rateCardId, version);
  }
  if (version !== versions.length + 1) throw rateCardErrors.outOfSequence(rateCardId, version, versions.length + 1);

  if (!isPayId(rateCardId)) throw rateCardErrors.invalidRates(rateCardId, 'rateCardId', 'must be an id');
  if ((owner.kind !== 'collective' && owner.kind !== 'hub') || !isPayId(owner.id)) throw rateCardErrors.invalidRates(rateCardId, 'owner', 'must be a collective or a hub, by id');
  if (!isPayId(publishedBy)) throw rateCardErrors.invalidRates(rateCardId, 'publishedBy', 'must be an id');
  for (const [field, value] of [
    ['effectiveFrom', effectiveFrom],
    ['publishedAt', publishedAt],
  ]) {
    if (!isUtcInstant(value)) throw rateCardErrors.invalidRates(rateCardId, field, 'must be a UTC ISO-8601 instant');
  }
  const problem = ratesProblem(rates);
  if (problem) throw rateCardErrors.invalidRates(rateCardId, `rates.${problem.field}`, problem.why);

  if (compareInstants(effectiveFrom, publishedAt) < 0) throw rateCardErrors.retroactive(rateCardId, effectiveFrom, publishedAt, 'that is before it is published');
  const previous = versions.at(-1);
  if (previous && compareInstants(effectiveFrom, previous.effectiveFrom) <= 0)
    throw rateCardErrors.retroactive(rateCardId, effectiveFrom, previous.effectiveFrom, `version ${previous.version} takes effect no earlier than that`);
  return [{ type: 'RateCardVersionPublished', data: { rateCardId, owner, version, effectiveFrom, rates, publishedBy, publishedAt } }];
}
