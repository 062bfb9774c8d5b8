import type { ModuleMetadata } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { EventStoreModule, EventStoreModuleOptions } from '@handoff/eventstore';
import { FixedClock, SequentialIdGenerator, SharedModule, loadConfig } from '@handoff/shared';

/**
 * A Nest testing module wired as the apps wire it (SharedModule + EventStoreModule), with a
 * fixed clock and predictable ids so tests can assert recorded metadata exactly.
 */
export async function eventStoreTestingModule(
  connectionString: string,
  extra: ModuleMetadata & { eventStore?: EventStoreModuleOptions; clock?: FixedClock } = {},
): Promise<{ module: TestingModule; clock: FixedClock; ids: SequentialIdGenerator }> {
  const clock = extra.clock ?? new FixedClock('2025-05-01T10:00:00.000Z');
  const ids = new SequentialIdGenerator();
  const config = loadConfig({ EVENTSTORE_CONNECTION_STRING: connectionString });
  const module = await Test.createTestingModule({
    imports: [SharedModule.forRoot({ config, clock, ids }), EventStoreModule.forRoot(extra.eventStore), ...(extra.imports ?? [])],
    providers: extra.providers ?? [],
  }).compile();
  await module.init();
  return { module, clock, ids };
}

/**
 * For a describe block: an embedded event store and the testing module on it, started before its
 * tests and closed after them. Read the fields inside tests (they are set in beforeAll).
 */
export function useEventStoreTestingModule(extra: Parameters<typeof eventStoreTestingModule>[1] = {}): { module: TestingModule; connectionString: string } {
  const handle = {} as { module: TestingModule; connectionString: string; server?: { dispose(): Promise<void> } };
  beforeAll(async () => {
    const { startTestEventStore } = await import('./embedded-event-store.fixture');
    const server = await startTestEventStore();
    handle.server = server;
    handle.connectionString = server.connectionString;
    ({ module: handle.module } = await eventStoreTestingModule(server.connectionString, extra));
  });
  afterAll(async () => {
    await handle.module?.close();
    await handle.server?.dispose();
  });
  return handle;
}
