import type { Instant } from '../shared/instant';
import type { WaiverTemplateVersionTerms } from './waiver-template.events';

/** One version as coverage reads it: its terms, and its retirement if any. */
export interface WaiverTemplateVersion extends WaiverTemplateVersionTerms {
  templateId: string;
  version: number;
  publishedAt: Instant;
  retired?: { retiredAt: Instant; reason: string };
}

export type WaiverTemplate = { status: 'unpublished' } | { status: 'published'; templateId: string; versions: WaiverTemplateVersion[] };

export const initialState = (): WaiverTemplate => ({ status: 'unpublished' });

/** A version of a template's state, or undefined. */
export const versionOf = (template: WaiverTemplate, version: number): WaiverTemplateVersion | undefined =>
  template.status === 'published' ? template.versions.find((candidate) => candidate.version === version) : undefined;

/** How coverage finds the version a signature names (the wiring reads the templates' streams). */
export type TemplateVersionLookup = (templateId: string, version: number) => WaiverTemplateVersion | undefined;

/** A lookup over folded template states. */
export function templateVersionsOf(templates: readonly WaiverTemplate[]): TemplateVersionLookup {
  const byKey = new Map<string, WaiverTemplateVersion>();
  for (const template of templates) {
    if (template.status !== 'published') continue;
    for (const version of template.versions) byKey.set(`${version.templateId}\u0000${version.version}`, version);
  }
  return (templateId, version) => byKey.get(`${templateId}\u0000${version}`);
}
