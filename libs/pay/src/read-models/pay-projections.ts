import type { ProjectionDefinition } from '@handoff/projections';
import { payReportsProjection } from './pay-reports/pay-reports.projection';
import { payStatementsProjection } from './pay-statements/pay-statement.projection';

/** Every read model the pay context keeps (the catalogue's PROJECTIONS): statements and the reports, one per question. */
export const payProjections: ProjectionDefinition<any>[] = [payStatementsProjection, payReportsProjection];
