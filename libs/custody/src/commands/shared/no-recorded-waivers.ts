import type { WaiverCoverage, WaiverCoveragePort } from '../../domain/parcel/waiver-coverage.port';

/**
 * The waiver port's answer until the waiver context exists: no courier holds a recorded waiver,
 * which is the truth while nothing can record one. Collectives that require waivers therefore
 * refuse courier acceptances (PARCEL.WAIVER_REQUIRED); hubs are not asked. The waiver read side
 * replaces this provider (WAIVER_COVERAGE) when it lands.
 */
export class NoRecordedWaivers implements WaiverCoveragePort {
  async coverageAt(): Promise<WaiverCoverage> {
    return { covered: false, reason: 'none' };
  }
}
