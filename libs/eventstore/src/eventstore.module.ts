import { DynamicModule, Global, Module, Provider } from '@nestjs/common';
import { EventStoreDBClient } from '@eventstore/db-client';
import type { UpcastStep } from '@handoff/kernel';
import { HANDOFF_CONFIG, HandoffConfig, requireEventStoreConnectionString } from '@handoff/shared';
import { AggregateCache, AggregateCacheOptions } from './aggregates/aggregate-cache';
import { AggregateRepository, RetryPolicy } from './aggregates/aggregate-repository';
import { AGGREGATE_CACHE, StreamChangeFeed } from './aggregates/stream-change-feed';
import { IntegrityAlarm } from './integrity/integrity-alarm';
import { EventStore } from './store/event-store';
import { EVENTSTORE_CLIENT, EVENTSTORE_OPTIONS } from './store/tokens';
import { UpcasterRegistry } from './upcasting/upcaster-registry';

export interface EventStoreModuleOptions {
  /** Defaults to the validated config's EVENTSTORE_CONNECTION_STRING. */
  connectionString?: string;
  retry?: Partial<RetryPolicy>;
  /** Every context's old event shapes (the catalogue's UPCASTERS), registered before anything reads or writes. */
  upcasters?: readonly UpcastStep[];
  /**
   * Keep aggregate states between commands (aggregates/aggregate-cache.ts), kept fresh by a
   * subscription to `$all` from its end. For processes that handle commands (the API); `true`
   * holds up to 50,000 streams and watches every stream; `watchedCategories` limits the
   * subscription to the categories commands consult (see aggregate-cache.ts).
   */
  aggregateCache?: boolean | AggregateCacheOptions;
}

/**
 * Import once, in the process's root module: it creates the process's only EventStoreDBClient
 * (lazily connecting, so start-up does not fail while the store is down — /health says so).
 * Needs SharedModule for the config, clock and ids. Contexts register upcasters on the
 * exported UpcasterRegistry.
 */
@Global()
@Module({})
export class EventStoreModule {
  static forRoot(options: EventStoreModuleOptions = {}): DynamicModule {
    const providers: Provider[] = [
      { provide: EVENTSTORE_OPTIONS, useValue: options },
      {
        provide: EVENTSTORE_CLIENT,
        inject: [HANDOFF_CONFIG],
        useFactory: (config: HandoffConfig) => EventStoreDBClient.connectionString(options.connectionString ?? requireEventStoreConnectionString(config, 'this process')),
      },
      { provide: UpcasterRegistry, useFactory: () => new UpcasterRegistry().registerSteps(options.upcasters ?? []) },
      EventStore,
      IntegrityAlarm,
      AggregateRepository,
    ];
    if (options.aggregateCache) {
      const cacheOptions = options.aggregateCache === true ? {} : options.aggregateCache;
      providers.push({ provide: AGGREGATE_CACHE, useValue: new AggregateCache(cacheOptions) }, StreamChangeFeed);
    }
    return { module: EventStoreModule, providers, exports: providers };
  }
}
