/**
 * The one projection behind every pay read model: statements and the reports, each its own
 * collection (one read model per question), fed by one subscription. A rebuild's limit is reading
 * and checking the events (docs/benchmarks.md), so a million accruals are read once, not once per
 * question (ADR 0027). Handlers of both families run for the event types they share.
 */
import type { RecordedEnvelope } from '@handoff/eventstore';
import type { DomainEvent } from '@handoff/kernel';
import { defineProjection } from '@handoff/projections';
import type { ProjectionHandler, ProjectionHandlers } from '@handoff/projections';
import { reportCollections, reportHandlers, type PayReportEvent } from './pay-reports/pay-reports.projection';
import { statementCollections, statementHandlers } from './pay-statements/pay-statement.projection';

function bothHandlers(...families: ProjectionHandlers<any>[]): ProjectionHandlers<PayReportEvent & DomainEvent> {
  const types = new Set(families.flatMap((family) => Object.keys(family)));
  const merged: Record<string, ProjectionHandler<DomainEvent>> = {};
  for (const type of types) {
    const handlers = families.map((family) => (family as Record<string, ProjectionHandler<DomainEvent> | undefined>)[type]).filter((handler) => handler !== undefined);
    merged[type] = (event: RecordedEnvelope<DomainEvent>) => handlers.flatMap((handler) => handler(event));
  }
  return merged as ProjectionHandlers<PayReportEvent & DomainEvent>;
}

export const payReadModelsProjection = defineProjection<PayReportEvent & DomainEvent>({
  name: 'pay-reports',
  // 2: surge first refusal counted per block, with offers, declines, lapses and releases to gig.
  version: 2,
  collections: { ...statementCollections, ...reportCollections },
  handlers: bothHandlers(statementHandlers, reportHandlers),
});
