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
