import { Injectable, OnModuleInit } from '@nestjs/common';
import { ReactionStatusReader } from '@handoff/reactions';
import { Metrics } from '@handoff/shared';
import { commitOf, statusSeries } from './status-gauges';

/**
 * Reactions on `/metrics` (ADR 0017), read on scrape from what their runners record in MongoDB,
 * like the projections': lag, checkpoint, whether one runs, and the totals of events handled,
 * commands issued, refused by their deciders, and found already done. Totals count since the
 * reaction version first ran; a replay after a restart counts again (its commands are no-ops).
 */
@Injectable()
export class ReactionMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly status: ReactionStatusReader,
  ) {}

  onModuleInit(): void {
    const perReaction = statusSeries(this.metrics, 'reaction', () => this.status.all());
    perReaction.gauge('handoff_reaction_lag_events', 'Events of its types the reaction has still to act on (counted exactly up to 1,000).', (r) => r.lag.events);
    perReaction.gauge('handoff_reaction_lag_seconds', 'Age of the oldest event the reaction has still to act on; 0 when caught up.', (r) => r.lag.seconds);
    perReaction.gauge('handoff_reaction_checkpoint', 'The $all commit position the reaction has acted up to (-1 before its first event).', (r) => commitOf(r.checkpoint));
    perReaction.gauge('handoff_reaction_running', '1 while a reactor holds its lease and it is not stopped on an event; 0 otherwise.', (r) => (r.state === 'running' ? 1 : 0));
    perReaction.counter('handoff_reaction_events_total', 'Source events the reaction has acted on.', (r) => r.events);
    perReaction.counter('handoff_reaction_commands_total', 'Commands the reaction has issued.', (r) => r.commands);
    perReaction.counter('handoff_reaction_refused_total', 'Commands the reaction issued that their deciders refused (outcomes, not faults).', (r) => r.refused);
    perReaction.counter('handoff_reaction_repeated_total', 'Commands the reaction issued that were found already done (their idempotency key was in the stream).', (r) => r.repeated);
  }
}
