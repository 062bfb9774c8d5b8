import { Injectable, OnModuleInit } from '@nestjs/common';
import { ProjectionStatusReader } from '@handoff/projections';
import { Metrics } from '@handoff/shared';
import { commitOf, statusSeries } from './status-gauges';

/**
 * Projection lag and checkpoints on `/metrics`, read on scrape from what projectors record in
 * MongoDB (the same source as `/health` and `GET /projections`). So the figures are the same
 * wherever the projector runs: on the all-in-one's worker thread, inline, or in its own process,
 * without passing values between threads or processes.
 */
@Injectable()
export class ProjectionMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly status: ProjectionStatusReader,
  ) {}

  onModuleInit(): void {
    const perProjection = statusSeries(this.metrics, 'projection', () => this.status.all());
    perProjection.gauge('handoff_projection_lag_events', 'Events of $all the active generation has still to apply (counted exactly up to 1,000).', (p) => p.active?.lag.events ?? 0);
    perProjection.gauge('handoff_projection_lag_seconds', 'Age of the oldest event the active generation has still to apply; 0 when caught up.', (p) => p.active?.lag.seconds ?? 0);
    perProjection.gauge('handoff_projection_checkpoint', 'The $all commit position the active generation has applied up to (-1 before its first event).', (p) => commitOf(p.active?.checkpoint));
    perProjection.gauge('handoff_projection_running', '1 while the projection runs or rebuilds; 0 when stopped on an error or when no projector holds its lease.', (p) =>
      p.state === 'running' || p.state === 'rebuilding' ? 1 : 0,
    );
  }
}
