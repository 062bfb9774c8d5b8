import { isUtcInstant, isValidMoney } from '@handoff/kernel';
import type { CollectivePolicy, CourierEngagement, ParticipantProfile, PostalAddress } from './participant-profiles';
import { participantErrors } from './participant.errors';

/** Field checks for participants: facts that other aggregates will rely on for years. */
export const checkParticipant = (participantId: string) => {
  const invalid = (field: string, why: string) => participantErrors.invalidDetails(participantId, field, why);
  const checks = {
    text(field: string, value: string): void {
      if (typeof value !== 'string' || value.trim() === '') throw invalid(field, 'must not be empty');
    },
    instant(field: string, value: string): void {
      if (!isUtcInstant(value)) throw invalid(field, 'must be a UTC ISO-8601 instant');
    },
    address(address: PostalAddress): void {
      if (address.lines.length === 0 || address.lines.some((line) => line.trim() === '')) throw invalid('address.lines', 'must be non-empty lines');
      checks.text('address.locality', address.locality);
      checks.text('address.postalCode', address.postalCode);
      if (!/^[A-Z]{2}$/.test(address.countryCode)) throw invalid('address.countryCode', 'must be an ISO 3166-1 alpha-2 code');
    },
    cap(perCycleCap: number): void {
      if (!Number.isSafeInteger(perCycleCap) || perCycleCap < 1) throw invalid('perCycleCap', 'must be a whole number of parcels, at least 1');
    },
    engagement(engagement: CourierEngagement): void {
      if (engagement.kind === 'gig') checks.text('engagement.platform', engagement.platform);
      else if (engagement.kind !== 'paid' && engagement.kind !== 'volunteer') throw invalid('engagement.kind', 'must be paid, volunteer or gig');
    },
    vetting(vetting: string): void {
      if (vetting !== 'vetted' && vetting !== 'unvetted') throw invalid('vetting', 'must be vetted or unvetted');
    },
    policy(policy: CollectivePolicy): void {
      if (!isValidMoney(policy.declaredValueThreshold)) {
        throw invalid('policy.declaredValueThreshold', 'must be a whole, non-negative number of minor units with an ISO 4217 currency');
      }
      if (typeof policy.waiverRequired !== 'boolean') throw invalid('policy.waiverRequired', 'must be true or false');
    },
    profile(profile: ParticipantProfile): void {
      checks.text('displayName', profile.displayName);
      switch (profile.kind) {
        case 'retailer':
        case 'coordinator':
          return;
        case 'collective':
          if (profile.memberRetailerIds.length === 0) throw invalid('memberRetailerIds', 'must name at least one retailer');
          if (new Set(profile.memberRetailerIds).size !== profile.memberRetailerIds.length) throw invalid('memberRetailerIds', 'must not repeat');
          profile.memberRetailerIds.forEach((id) => checks.text('memberRetailerIds[]', id));
          return checks.policy(profile.policy);
        case 'hub':
          checks.address(profile.address);
          checks.text('operatingCoordinatorId', profile.operatingCoordinatorId);
          if (profile.timeZone !== undefined && !isTimeZone(profile.timeZone)) throw invalid('timeZone', 'must be an IANA time zone, such as America/Chicago');
          return checks.cap(profile.perCycleCap);
        case 'courier':
          checks.engagement(profile.engagement);
          return checks.vetting(profile.vetting);
        default: {
          const _never: never = profile;
          return _never;
        }
      }
    },
  };
  return checks;
};

/** An IANA zone the runtime knows (Intl refuses any other). */
function isTimeZone(value: unknown): boolean {
  if (typeof value !== 'string' || value.length === 0 || value.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
