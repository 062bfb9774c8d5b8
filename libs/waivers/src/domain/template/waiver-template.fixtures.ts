import { recorded } from '@handoff/testing';
import type { PublishWaiverTemplateVersion } from './waiver-template.commands';
import { waiverTemplateDecider } from './waiver-template.decider';
import type { WaiverTemplateEvent } from './waiver-template.events';
import { versionOf, type WaiverTemplateVersion } from './waiver-template.state';

/** Shared by the waivers specs (templates, signatures, coverage): DOMAIN's volunteer waiver ($200 cap, gross negligence) and a clock in minutes. */
export const BASE = '2025-03-01T00:00:00.000Z';

/** The instant `minutes` after BASE. */
export const at = (minutes: number): string => new Date(Date.parse(BASE) + minutes * 60_000).toISOString();

export const DAY = 24 * 60;

/** A recognisable SHA-256: `sha256:` and the number, zero-padded to 64 hex digits. */
export const hash = (n: number): string => `sha256:${n.toString(16).padStart(64, '0')}`;

export const TEMPLATE_ID = 'volunteer-courier';

export const publish = (version = 1, overrides: Partial<PublishWaiverTemplateVersion> = {}): PublishWaiverTemplateVersion => ({
  type: 'PublishWaiverTemplateVersion',
  templateId: TEMPLATE_ID,
  version,
  textHash: hash(version),
  liabilityCap: { amountMinor: 20_000, currency: 'USD' },
  grossNegligenceClause: { included: true, clauseTextHash: hash(100 + version) },
  jurisdiction: 'US-CA',
  participantKinds: ['volunteer', 'community'],
  parcelCategories: ['general', 'fragile', 'perishable'],
  effectiveFrom: at(0),
  adminId: 'admin-1',
  publishedAt: at(0),
  ...overrides,
});

export { recorded } from '@handoff/testing';

export const published = (...commands: PublishWaiverTemplateVersion[]): WaiverTemplateEvent[] => recorded(waiverTemplateDecider, ...commands);

/** The version as the signing command carries it, folded from template events. */
export function versionFrom(events: WaiverTemplateEvent[], version: number): WaiverTemplateVersion {
  const found = versionOf(events.reduce(waiverTemplateDecider.evolve, waiverTemplateDecider.initialState()), version);
  if (!found) throw new Error(`no version ${version} in the fixture`);
  return found;
}
