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
 * instant they take custody? Folded from the courier's signature stream and the templates it
 * names, on the write side, so an acceptance right after a signature or a revocation sees it.
 * Custody passes the parcel's categories: a version limited to other categories does not cover it
 * (`none`, as the waivers context's `not-applicable`).
 */
@Injectable()
export class WaiverCoverageFromSignatures implements WaiverCoveragePort {
  constructor(private readonly records: WaiverRecords) {}

  async coverageAt(courierId: string, at: string, parcelCategories?: readonly string[]): Promise<WaiverCoverage> {
    const coverage = await this.records.coverageAt(courierId, at, parcelCategories);
    return coverage.covered ? { covered: true, waiverId: coverage.waiverId, versionHash: coverage.textHash } : { covered: false, reason: CUSTODY_REASONS[coverage.reason] };
  }
}
