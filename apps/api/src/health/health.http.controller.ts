import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { Public } from '@handoff/shared/auth';
import { EventStore } from '@handoff/eventstore';

/** Long enough for a healthy store under load, short enough for a load balancer's probe. */
const EVENT_STORE_TIMEOUT_MS = 1_500;

export interface HealthReport {
  status: 'ok' | 'unavailable';
  eventStore: { status: 'up'; latencyMs: number } | { status: 'down'; error: string };
}

/** 200 when the event store answers a read, 503 (with the reason) when it does not. */
@Controller('health')
export class HealthHttpController {
  constructor(private readonly eventStore: EventStore) {}

  @Public()
  @Get()
  async check(@Res({ passthrough: true }) reply: { status(code: number): unknown }): Promise<HealthReport> {
    try {
      const { latencyMs } = await this.eventStore.ping(EVENT_STORE_TIMEOUT_MS);
      return { status: 'ok', eventStore: { status: 'up', latencyMs } };
    } catch (error) {
      const report: HealthReport = {
        status: 'unavailable',
        eventStore: { status: 'down', error: error instanceof Error ? error.message : String(error) },
      };
      // A probe's answer, not a failure of the request: the report itself, with 503.
      reply.status(HttpStatus.SERVICE_UNAVAILABLE);
      return report;
    }
  }
}
