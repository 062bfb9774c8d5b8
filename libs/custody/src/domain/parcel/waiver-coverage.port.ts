import type { Money } from '../shared/values';

/**
 * The gross-negligence clause of a waiver's terms (DOMAIN "Waivers"): when included, the signer's
 * liability is limited to gross negligence, and the cap does not protect them from damage found
 * grossly negligent. The clause's wording is a document; its hash says which wording.
 */
export type GrossNegligenceClause = { included: true; clauseTextHash: string } | { included: false };

/**
 * The waiver that covered a courier at an instant, with the terms an insurer reads: the template
 * and version signed, the version's text hash, the liability cap and the gross-negligence clause.
 */
export interface CoveringWaiver {
  waiverId: string;
  templateId: string;
  templateVersion: number;
  textHash: string;
  liabilityCap: Money;
  grossNegligenceClause: GrossNegligenceClause;
}

/**
 * Whether a courier held a valid liability waiver at a given instant. The waivers context answers
 * it from the courier's signature stream (WaiverCoverageFromSignatures, bound in libs/catalog), so
 * an acceptance right after a signature or a revocation sees it. `decide` never calls the port: the command
 * handler asks it at the edge, for the receiving courier at the command's `acceptedAt`, and puts
 * the answer on the AcceptParcelHandoff command, so the decision stays pure and replayable.
 */
export type WaiverCoverage = ({ covered: true } & CoveringWaiver) | { covered: false; reason: 'none' | 'expired' | 'revoked' | 'not-yet-valid' };

export interface WaiverCoveragePort {
  /**
   * `parcelCategories`: the parcel's categories (empty for a parcel with none), so a waiver whose
   * version covers only other categories does not count; absent, the courier's coverage whatever
   * they carry.
   */
  coverageAt(courierId: string, at: string, parcelCategories?: readonly string[]): Promise<WaiverCoverage>;
}

export const WAIVER_COVERAGE = Symbol('WAIVER_COVERAGE');
