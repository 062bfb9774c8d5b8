import { randomUUID } from 'node:crypto';
import { Command, CommandBus, CommandHandler, CqrsModule, EventBus, ICommandHandler, IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import type { TestingModule } from '@nestjs/testing';
import { eventStoreTestingModule } from '../../../../test/support/event-store-testing-module';
import { TestEventStore, startTestEventStore } from '../../../../test/support/embedded-event-store.fixture';
import type { CommandContext, DomainEvent } from '../envelope/event-envelope';
import { ConcurrencyConflictError } from '../store/concurrency-conflict.error';
import { EventStore } from '../store/event-store';
import { streamName } from '../streams/stream-name';
import { AggregateRepository } from './aggregate-repository';
import type { Decider } from '@handoff/kernel';

jest.setTimeout(30_000);

// A toy tally of stops a courier has made: enough to prove the wiring, no domain.
type StopsEvent = DomainEvent<'StopMade', { stopNumber: number }>;
type Stops = { made: number };
type MakeStop = { expectedStopNumber?: number };

const stops: Decider<MakeStop, Stops, StopsEvent> = {
  initialState: () => ({ made: 0 }),
  decide: (command, state) => {
    const stopNumber = state.made + 1;
    if (command.expectedStopNumber !== undefined && command.expectedStopNumber !== stopNumber) return []; // already made: idempotent
    return [{ type: 'StopMade', data: { stopNumber } }];
  },
  evolve: (state, event) => ({ made: Math.max(state.made, event.data.stopNumber) }),
};

class RecordStop extends Command<{ revision: string }> {
  constructor(
    readonly courierId: string,
    readonly context: CommandContext,
    readonly expectedStopNumber?: number,
  ) {
    super();
  }
}

/** The whole shape of a command handler: load, decide, append — through the repository. */
@CommandHandler(RecordStop)
class RecordStopHandler implements ICommandHandler<RecordStop> {
  constructor(private readonly repository: AggregateRepository) {}

  async execute(command: RecordStop): Promise<{ revision: string }> {
    const outcome = await this.repository.handleCommand(stops, streamName('stops', command.courierId), { expectedStopNumber: command.expectedStopNumber }, command.context);
    return { revision: String(outcome.nextExpectedRevision) };
  }
}

class CountStops extends Query<number> {
  constructor(readonly courierId: string) {
    super();
  }
}

@QueryHandler(CountStops)
class CountStopsHandler implements IQueryHandler<CountStops> {
  constructor(private readonly repository: AggregateRepository) {}

  async execute(query: CountStops): Promise<number> {
    return (await this.repository.load(stops, streamName('stops', query.courierId))).state.made;
  }
}

const context: CommandContext = { correlationId: 'req-9', causationId: 'http-9', actor: { kind: 'courier', id: 'c-1' } };

describe('@nestjs/cqrs command handling over the event store', () => {
  let server: TestEventStore;
  let module: TestingModule;
  let commandBus: CommandBus;
  let published: unknown[];

  beforeAll(async () => {
    server = await startTestEventStore();
    ({ module } = await eventStoreTestingModule(server.connectionString, {
      imports: [CqrsModule.forRoot()],
      providers: [RecordStopHandler, CountStopsHandler],
      eventStore: { retry: { maxAttempts: 2, delayMs: () => 0 } },
    }));
    commandBus = module.get(CommandBus);
    published = [];
    module.get(EventBus).subscribe((event) => published.push(event));
  });

  afterAll(async () => {
    await module?.close();
    await server?.dispose();
  });

  it('executes a command through the bus into the stream, and answers the query from it', async () => {
    const courierId = randomUUID();
    expect(await commandBus.execute(new RecordStop(courierId, context))).toEqual({ revision: '0' });
    expect(await commandBus.execute(new RecordStop(courierId, context))).toEqual({ revision: '1' });
    expect(await module.get(QueryBus).execute(new CountStops(courierId))).toBe(2);

    const read = await module.get(EventStore).readStream(streamName('stops', courierId));
    expect(read.events.map((e) => [e.type, e.data, e.metadata.correlationId])).toEqual([
      ['StopMade', { stopNumber: 1 }, 'req-9'],
      ['StopMade', { stopNumber: 2 }, 'req-9'],
    ]);
  });

  it('treats a repeated command as a no-op', async () => {
    const courierId = randomUUID();
    await commandBus.execute(new RecordStop(courierId, context, 1));
    expect(await commandBus.execute(new RecordStop(courierId, context, 1))).toEqual({ revision: '0' });
  });

  it('lets ConcurrencyConflictError through the bus when retries run out', async () => {
    const courierId = randomUUID();
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => commandBus.execute(new RecordStop(courierId, context))));
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected.length).toBeGreaterThan(0);
    rejected.forEach((r) => expect(r.reason).toBeInstanceOf(ConcurrencyConflictError));
    const written = await module.get(EventStore).readStream(streamName('stops', courierId));
    expect(written.events).toHaveLength(results.length - rejected.length);
  });

  it('publishes nothing on the in-memory event bus: read models are fed from $all, not from it', () => {
    expect(published).toEqual([]);
  });
});
