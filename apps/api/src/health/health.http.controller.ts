import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { Public } from '@handoff/shared/auth';
import { EventStore, IntegritySummary, readIntegritySummary } from '@handoff/eventstore';
import { ProjectionStatusReader, READ_MODEL_DB } from '@handoff/projections';
import { type ReactionError, ReactionStatusReader } from '@handoff/reactions';
import type { Db } from 'mongodb';

/** Long enough for a healthy store under load, short enough for a load balancer's probe. */
const EVENT_STORE_TIMEOUT_MS = 1_500;
const READ_STORE_TIMEOUT_MS = 1_500;

type Probe = { status: 'up'; latencyMs: number } | { status: 'down'; error: string };

export interface HealthReport {
  /** `degraded`: serving, but a stored event fails its hash chain (see `integrity.failures`). */
  status: 'ok' | 'degraded' | 'unavailable';
  eventStore: Probe;
  readStore: Probe;
  /**
   * Each projection's state and lag (details at GET /projections). A projection stopped on an
   * error degrades the queries that read it, not the process: it does not turn /health red.
   */
  projections: { name: string; state: string; checkpoint: string | null; lagEvents: number; lagSeconds: number }[];
  /**
   * Each reaction's state and lag, the same way (details at GET /projections): one stopped on an
   * event it cannot act on says so, with the error, and delays its effects, not the API.
   */
  reactions: { name: string; state: string; checkpoint: string | null; lagEvents: number; lagSeconds: number; error: ReactionError | null }[];
  /** Hash-chain verification (ADR 0012): the position verified, the last full pass, and every standing failure, named. */
  integrity: IntegritySummary | null;
}

/**
 * 200 when the event store and the read store answer, 503 (with the reason) when one does not.
 * A tampered event (found by any verifier) keeps 200 but turns the status to `degraded`, naming it.
 */
@Controller('health')
export class HealthHttpController {
  constructor(
    private readonly eventStore: EventStore,
    @Inject(READ_MODEL_DB) private readonly db: Db,
    private readonly projections: ProjectionStatusReader,
    private readonly reactions: ReactionStatusReader,
  ) {}

  @Public()
  @Get()
  async check(@Res({ passthrough: true }) reply: { status(code: number): unknown }): Promise<HealthReport> {
    const [eventStore, readStore] = await Promise.all([
      probe(() => this.eventStore.ping(EVENT_STORE_TIMEOUT_MS)),
      probe(async () => {
        const started = performance.now();
        await this.db.command({ ping: 1 }, { timeoutMS: READ_STORE_TIMEOUT_MS });
        return { latencyMs: Math.round((performance.now() - started) * 10) / 10 };
      }),
    ]);
    const healthy = eventStore.status === 'up' && readStore.status === 'up';
    // A probe's answer, not a failure of the request: the report itself, with 503.
    if (!healthy) {
      reply.status(HttpStatus.SERVICE_UNAVAILABLE);
      return { status: 'unavailable', eventStore, readStore, projections: [], reactions: [], integrity: null };
    }
    const [projections, reactions, integrity] = await Promise.all([this.projectionSummary(), this.reactionSummary(), readIntegritySummary(this.db)]);
    return { status: integrity.state === 'failed' ? 'degraded' : 'ok', eventStore, readStore, projections, reactions, integrity };
  }

  private async projectionSummary(): Promise<HealthReport['projections']> {
    return (await this.projections.all()).map((p) => ({
      name: p.name,
      state: p.state,
      checkpoint: p.active?.checkpoint ?? null,
      lagEvents: p.active?.lag.events ?? 0,
      lagSeconds: p.active?.lag.seconds ?? 0,
    }));
  }

  private async reactionSummary(): Promise<HealthReport['reactions']> {
    return (await this.reactions.all()).map((r) => ({
      name: r.name,
      state: r.state,
      checkpoint: r.checkpoint,
      lagEvents: r.lag.events,
      lagSeconds: r.lag.seconds,
      error: r.error,
    }));
  }
}

async function probe(check: () => Promise<{ latencyMs: number }>): Promise<Probe> {
  try {
    return { status: 'up', ...(await check()) };
  } catch (error) {
    return { status: 'down', error: error instanceof Error ? error.message : String(error) };
  }
}
