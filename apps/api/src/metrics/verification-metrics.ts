import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { Db } from 'mongodb';
import { readIntegritySummary } from '@handoff/eventstore';
import { READ_MODEL_DB } from '@handoff/projections';
import { Metrics } from '@handoff/shared';

/**
 * The hash-chain verifier's figures on `/metrics`, read on scrape from the status and findings it
 * records in MongoDB (the same source as `/health`), so they are right wherever the verifier runs
 * (the projector's thread or its own process). Before its first pass the position reads -1.
 */
@Injectable()
export class VerificationMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    @Inject(READ_MODEL_DB) private readonly db: Db,
  ) {}

  onModuleInit(): void {
    this.metrics.readVerificationFrom(async () => {
      const summary = await readIntegritySummary(this.db);
      return { position: summary.verifiedPosition === null ? -1 : Number(summary.verifiedPosition), failedStreams: summary.findings };
    });
  }
}
