import type { DomainEvent } from '@handoff/kernel';
import type { Instant } from '../shared/instant';
import type { Money, Sha256 } from '../shared/values';

/**
 * The gross-negligence clause (DOMAIN "Waivers", "Disputes"): when included, the signer's liability
 * is limited to gross negligence and the cap does not protect them from damage found grossly
 * negligent. Its wording is kept as a document beside the waiver's text; the event holds its hash.
 */
export type GrossNegligenceClause = { included: true; clauseTextHash: Sha256 } | { included: false };

/**
 * Parcel categories a version covers: `any`, or a list in custody's vocabulary (`pharmaceutical`,
 * `fragile`, `perishable`, `oversized`), plus `general` for a parcel with no category at all.
 */
export type ParcelCategoryScope = 'any' | string[];

/** The word for a parcel with no category, in a version's list of parcel categories. */
export const GENERAL_PARCEL_CATEGORY = 'general';

/** The terms of one version, as published: never edited, a change is the next version. */
export interface WaiverTemplateVersionTerms {
  /** SHA-256 of the waiver's text; the text itself is kept as a document. */
  textHash: Sha256;
  liabilityCap: Money;
  grossNegligenceClause: GrossNegligenceClause;
  /** ISO 3166-1 alpha-2, optionally with an ISO 3166-2 subdivision (`US-CA`). */
  jurisdiction: string;
  /**
   * Who may sign it, in the participants context's words: a courier's engagement (`volunteer`,
   * `paid`, `gig`) or a participant kind (`coordinator`). The wiring passes the same word when the
   * participant signs and when coverage is asked.
   */
  participantKinds: string[];
  parcelCategories: ParcelCategoryScope;
  /** Inclusive: the version covers from this instant. */
  effectiveFrom: Instant;
  /** Exclusive: the version covers nothing from this instant on. Absent: no end. */
  effectiveUntil?: Instant;
}

/** Stream `waivertemplate-<templateId>`: every version of one waiver template, in order. */
export type WaiverTemplateVersionPublished = DomainEvent<
  'WaiverTemplateVersionPublished',
  WaiverTemplateVersionTerms & {
    templateId: string;
    /** 1, 2, 3… in publication order. */
    version: number;
    /** The admin who published it. */
    publishedBy: string;
    publishedAt: Instant;
  }
>;

/**
 * A retired version takes no new signature, and the signatures it has stop covering at
 * `retiredAt` (the server's time: retirement is never backdated), so a flawed text can be
 * withdrawn; signers re-sign a current version.
 */
export type WaiverTemplateVersionRetired = DomainEvent<
  'WaiverTemplateVersionRetired',
  {
    templateId: string;
    version: number;
    /** Why, for the people who must re-sign (not personal data: the template's own story). */
    reason: string;
    retiredBy: string;
    retiredAt: Instant;
  }
>;

export type WaiverTemplateEvent = WaiverTemplateVersionPublished | WaiverTemplateVersionRetired;

export const waiverTemplateEventSchemaVersions = {
  WaiverTemplateVersionPublished: 1,
  WaiverTemplateVersionRetired: 1,
} as const satisfies Record<WaiverTemplateEvent['type'], number>;
