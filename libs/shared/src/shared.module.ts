import { DynamicModule, Global, Module, Provider } from '@nestjs/common';
import { CLOCK, Clock, SystemClock } from './clock/clock';
import { HANDOFF_CONFIG, HandoffConfig } from './config/handoff-config';
import { ID_GENERATOR, IdGenerator, RandomIdGenerator } from './ids/id-generator';
import { Metrics } from './metrics/metrics';

export interface SharedModuleOptions {
  config: HandoffConfig;
  /** Tests and demos pass a FixedClock / SequentialIdGenerator. */
  clock?: Clock;
  ids?: IdGenerator;
}

/** The validated config and the ports every context needs (clock, ids, metrics), once per process. */
@Global()
@Module({})
export class SharedModule {
  static forRoot(options: SharedModuleOptions): DynamicModule {
    const providers: Provider[] = [
      { provide: HANDOFF_CONFIG, useValue: options.config },
      { provide: CLOCK, useValue: options.clock ?? new SystemClock() },
      { provide: ID_GENERATOR, useValue: options.ids ?? new RandomIdGenerator() },
      { provide: Metrics, useFactory: () => new Metrics() },
    ];
    return { module: SharedModule, providers, exports: providers };
  }
}
