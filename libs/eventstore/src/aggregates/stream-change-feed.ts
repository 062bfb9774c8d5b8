/**
 * Follows `$all` from its end and tells the aggregate cache about every append, whoever made it
 * (another API instance, a CLI, an operator), so cached states are evicted when their stream
 * moves; only appends to the watched categories when the cache names some (a server-side filter:
 * the events of busy streams that commands only write are not even sent). The cache serves entries only while this feed is confirmed by the server; when the
 * subscription fails the cache is emptied and the feed resubscribes after a pause.
 */
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { END, EventStoreDBClient, streamNameFilter } from '@eventstore/db-client';
import { EVENTSTORE_CLIENT } from '../store/tokens';
import { AggregateCache } from './aggregate-cache';

export const AGGREGATE_CACHE = Symbol('AGGREGATE_CACHE');

const RESUBSCRIBE_AFTER_MS = 1_000;
/** `$$<stream>` holds a stream's metadata: a change there (soft delete, truncation) may hide events. */
const METADATA_PREFIX = '$$';

type Subscription = ReturnType<EventStoreDBClient['subscribeToAll']>;

@Injectable()
export class StreamChangeFeed implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('StreamChangeFeed');
  private subscription?: Subscription;
  private stopped = false;
  private retry?: NodeJS.Timeout;

  constructor(
    @Inject(EVENTSTORE_CLIENT) private readonly client: EventStoreDBClient,
    @Inject(AGGREGATE_CACHE) private readonly cache: AggregateCache,
  ) {}

  onApplicationBootstrap(): void {
    this.subscribe();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    this.cache.feedStopped();
    const subscription = this.subscription;
    this.subscription = undefined;
    if (subscription) await subscription.unsubscribe().catch(() => undefined);
  }

  private subscribe(): void {
    if (this.stopped) return;
    // Only the watched categories (and their metadata streams, `$$<stream>`), when the cache names them.
    const prefixes = this.cache.watchedPrefixes?.flatMap((prefix) => [prefix, `${METADATA_PREFIX}${prefix}`]);
    const subscription = this.client.subscribeToAll({ fromPosition: END, ...(prefixes ? { filter: streamNameFilter({ prefixes }) } : {}) });
    this.subscription = subscription;
    subscription.on('confirmation', () => {
      if (this.subscription === subscription) this.cache.feedStarted();
    });
    subscription.on('data', (resolved) => {
      const event = resolved.event;
      if (!event) return;
      if (event.streamId.startsWith(METADATA_PREFIX)) this.cache.forget(event.streamId.slice(METADATA_PREFIX.length));
      else this.cache.observed(event.streamId, event.revision);
    });
    const lost = (reason: string) => {
      if (this.subscription !== subscription) return;
      this.subscription = undefined;
      this.cache.feedStopped();
      if (this.stopped) return;
      this.logger.warn({ msg: 'change feed lost; aggregate cache off until it is back', reason, retryInMs: RESUBSCRIBE_AFTER_MS });
      void subscription.unsubscribe().catch(() => undefined);
      this.retry = setTimeout(() => this.subscribe(), RESUBSCRIBE_AFTER_MS);
    };
    subscription.on('error', (error: Error) => lost(error.message));
    subscription.on('end', () => lost('the subscription ended'));
    subscription.on('close', () => lost('the subscription closed'));
  }
}
