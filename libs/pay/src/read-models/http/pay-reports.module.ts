import { Module } from '@nestjs/common';
import { ReadModels } from '@handoff/projections';
import { HANDOFF_CONFIG, type HandoffConfig } from '@handoff/shared';
import { PayReportQueries } from '../pay-report-queries';
import { PayReportsHttpController } from './pay-reports.http.controller';

/** The pay read side over HTTP: statements and reports from the pay read models (ProjectionsModule's ReadModels). */
@Module({
  controllers: [PayReportsHttpController],
  providers: [
    {
      provide: PayReportQueries,
      inject: [ReadModels, HANDOFF_CONFIG],
      useFactory: (readModels: ReadModels, config: HandoffConfig) => new PayReportQueries(readModels, config.payReportingThresholds),
    },
  ],
})
export class PayReportsModule {}
