import { Injectable } from '@nestjs/common';
import type { WaiverCoverage, WaiverCoveragePort } from '@handoff/custody';
import type { NotCoveredReason } from '../domain/waiver-coverage/waiver-coverage';
import { WaiverRecords } from '../commands/waiver-records';

/** Custody's words for why a courier is not covered, from the waivers context's finer ones. */
const CUSTODY_REASONS: Record<NotCoveredReason, Extract<WaiverCoverage, { covered: false }>['reason']> = {
  'never-signed': 'none',
  'not-applicable': 'none',
  'not-yet-effective': 'not-yet-valid',
  expired: 'expired',
  'version-ended': 'expired',
  revoked: 'revoked',
  'version-retired': 'revoked',
};

/**
 * Answers custody's WAIVER_COVERAGE port (bound in libs/catalog): was the courier covered at the
 * instant they take custody, and by which waiver, template version, cap and gross-negligence
 * clause? Folded from the courier's signature stream and the templates it names, on the write
 * side, so an acceptance right after a signature or a revocation sees it. Custody passes the
 * parcel's categories: a version limited to other categories does not cover it (`none`, as the
 * waivers context's `not-applicable`).
 */
@Injectable()
export class WaiverCoverageFromSignatures implements WaiverCoveragePort {
  constructor(private readonly records: WaiverRecords) {}

  async coverageAt(courierId: string, at: string, parcelCategories?: readonly string[]): Promise<WaiverCoverage> {
    const { coverage, terms } = await this.records.coverageWithTermsAt(courierId, at, parcelCategories);
    if (!coverage.covered) return { covered: false, reason: CUSTODY_REASONS[coverage.reason] };
    // Versions are never deleted: the version the coverage was computed from is in the same lookup.
    const clause = terms!.grossNegligenceClause;
    return {
      covered: true,
      waiverId: coverage.waiverId,
      templateId: coverage.templateId,
      templateVersion: coverage.version,
      textHash: coverage.textHash,
      liabilityCap: { ...coverage.cap },
      grossNegligenceClause: clause.included ? { included: true, clauseTextHash: clause.clauseTextHash } : { included: false },
    };
  }
}
