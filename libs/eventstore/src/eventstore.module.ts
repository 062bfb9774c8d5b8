import { DynamicModule, Global, Module, Provider } from '@nestjs/common';
import { EventStoreDBClient } from '@eventstore/db-client';
import { HANDOFF_CONFIG, HandoffConfig, requireEventStoreConnectionString } from '@handoff/shared';
import { AggregateRepository, RetryPolicy } from './aggregates/aggregate-repository';
import { EventStore } from './store/event-store';
import { EVENTSTORE_CLIENT, EVENTSTORE_OPTIONS } from './store/tokens';
import { UpcasterRegistry } from './upcasting/upcaster-registry';

export interface EventStoreModuleOptions {
  /** Defaults to the validated config's EVENTSTORE_CONNECTION_STRING. */
  connectionString?: string;
  retry?: Partial<RetryPolicy>;
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
        useFactory: (config: HandoffConfig) =>
          EventStoreDBClient.connectionString(options.connectionString ?? requireEventStoreConnectionString(config, 'this process')),
      },
      UpcasterRegistry,
      EventStore,
      AggregateRepository,
    ];
    return { module: EventStoreModule, providers, exports: providers };
  }
}
