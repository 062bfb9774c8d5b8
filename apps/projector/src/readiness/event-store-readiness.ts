import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EventStore } from '@handoff/eventstore';

const RETRY_EVERY_MS = 2_000;

/**
 * Announces that the projector reached the event store, retrying in the background until it
 * does (start-up never blocks on the store; the projection runtime retries on its own too).
 */
@Injectable()
export class EventStoreReadiness implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projector');
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(private readonly eventStore: EventStore) {}

  onApplicationBootstrap(): void {
    void this.probe(1);
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private async probe(attempt: number): Promise<void> {
    try {
      const { latencyMs } = await this.eventStore.ping();
      if (!this.stopped) this.logger.log({ msg: 'projector ready: event store reachable', latencyMs, attempt });
    } catch (error) {
      if (this.stopped) return;
      this.logger.warn({ msg: 'event store not reachable yet, retrying', attempt, error: error instanceof Error ? error.message : String(error) });
      this.timer = setTimeout(() => void this.probe(attempt + 1), RETRY_EVERY_MS);
    }
  }
}
