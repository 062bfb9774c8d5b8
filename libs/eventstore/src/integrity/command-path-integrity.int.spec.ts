import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import type { TestingModule } from '@nestjs/testing';
import { eventStoreTestingModule } from '../../../../test/support/event-store-testing-module';
import { tamperWithEventLog } from '../../../../test/support/event-store-tampering';
import { AggregateRepository } from '../aggregates/aggregate-repository';
import type { Decider } from '@handoff/kernel';
import { EmbeddedEventStoreHandle, startEmbeddedEventStore } from '../embedded/launch';
import type { CommandContext, DomainEvent } from '../envelope/event-envelope';
import { EVENTSTORE_CLIENT } from '../store/tokens';
import type { IntegrityFinding } from './chain-check';
import { FindingSource, IntegrityAlarm } from './integrity-alarm';

jest.setTimeout(90_000);

// A toy custody record: whoever holds the parcel may hand it on.
type Custody = DomainEvent<'HeldBy', { holder: string }>;
const custody: Decider<{ from: string; to: string }, string | null, Custody> = {
  initialState: () => null,
  evolve: (_holder, event) => event.data.holder,
  decide: (command, holder) => {
    if (holder !== null && holder !== command.from) throw Object.assign(new Error(`${command.from} does not hold it`), { code: 'NOT_HOLDER' });
    return [{ type: 'HeldBy', data: { holder: command.to } }];
  },
};
const context: CommandContext = { correlationId: 'req', causationId: 'cmd', actor: { kind: 'courier', id: 'ana' } };

/**
 * The command path refuses a stream whose stored events fail their hash chain: a forged holder
 * cannot deliver, and the real one is not refused on a forgery (issue 17 §6).
 */
describe('the command path on a tampered stream', () => {
  let dir: string;
  let server: EmbeddedEventStoreHandle;
  let module: TestingModule;
  let repository: AggregateRepository;
  const raised: { finding: IntegrityFinding; source: FindingSource }[] = [];

  const start = async () => {
    server = await startEmbeddedEventStore({ dataDir: dir, port: 0 });
    ({ module } = await eventStoreTestingModule(server.connectionString));
    repository = module.get(AggregateRepository);
    module.get(IntegrityAlarm).listen((finding, source) => void raised.push({ finding, source }));
  };
  const stop = async () => {
    await module.close();
    await server.stop();
  };
  /** A parcel handed ana → bob → cara, by commands. */
  const handedOn = async () => {
    const stream = `parcel-${randomUUID()}`;
    for (const [from, to] of [
      ['', 'ana'],
      ['ana', 'bob'],
      ['bob', 'cara'],
    ])
      await repository.handleCommand(custody, stream, { from, to }, context);
    return stream;
  };
  const positionsOf = (stream: string) =>
    tamperWithEventLog(dir, (log) =>
      log
        .records()
        .filter((r) => r.event?.s === stream)
        .map((r) => r.position),
    );

  beforeAll(async () => {
    dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'handoff-command-tamper-')), 'eventstore');
  });

  beforeEach(async () => {
    raised.length = 0;
    await start();
  });

  afterEach(() => stop());

  afterAll(() => rm(path.dirname(dir), { recursive: true, force: true }));

  it('refuses a command on a stream with a forged holder, names the event and raises the alarm', async () => {
    const stream = await handedOn();
    await stop();
    const [, second] = await positionsOf(stream);
    await tamperWithEventLog(dir, (log) => log.rewrite(second!, (event) => ({ ...event, d: Buffer.from(Buffer.from(event.d).toString('utf8').replace('"bob"', '"eve"')) })));
    await start();

    // eve, the forged holder of revision 1, hands on to herself: the forgery would make cara's chain hers.
    const forged = repository.handleCommand(custody, stream, { from: 'cara', to: 'dan' }, context);
    await expect(forged).rejects.toMatchObject({ code: 'LEDGER.TAMPERED', finding: { stream, revision: '1', problem: 'hash-mismatch' } });
    expect(raised).toEqual([{ source: 'command', finding: expect.objectContaining({ stream, revision: '1', problem: 'hash-mismatch' }) }]);
  });

  it('refuses a stream with an event removed from the file, naming the missing revision', async () => {
    const stream = await handedOn();
    await stop();
    const [, second] = await positionsOf(stream);
    await tamperWithEventLog(dir, (log) => log.remove(second!));
    await start();
    await expect(repository.load(custody, stream)).rejects.toMatchObject({ finding: { stream, revision: '1', problem: 'missing-revision' } });
  });

  it('refuses a stream whose two events were swapped (revisions kept in order), naming the broken link', async () => {
    const stream = await handedOn();
    await stop();
    const [, second, third] = await positionsOf(stream);
    await tamperWithEventLog(dir, (log) => {
      const [b, c] = log.records().filter((r) => r.position === second || r.position === third);
      log.rewrite(second!, () => ({ ...c!.event!, r: b!.event!.r }));
      log.rewrite(third!, () => ({ ...b!.event!, r: c!.event!.r }));
    });
    await start();
    await expect(repository.load(custody, stream)).rejects.toMatchObject({ finding: { stream, revision: '1', problem: 'broken-link' } });
  });

  it('refuses a stream whose record no longer decodes, naming the revision', async () => {
    const stream = await handedOn();
    await stop();
    const [, second] = await positionsOf(stream);
    await tamperWithEventLog(dir, (log) => {
      const record = Buffer.from(log.records().find((r) => r.position === second)!.record);
      record[0] = 0xff;
      log.put(second!, record);
    });
    await start();
    await expect(repository.load(custody, stream)).rejects.toMatchObject({ finding: { stream, revision: '1', problem: 'undecodable' } });
  });

  it('refuses an event appended outside the chained write path (no hash)', async () => {
    const stream = await handedOn();
    await module.get<EventStoreDBClient>(EVENTSTORE_CLIENT).appendToStream(stream, jsonEvent({ type: 'HeldBy', data: { holder: 'eve' } }));
    await expect(repository.handleCommand(custody, stream, { from: 'eve', to: 'eve' }, context)).rejects.toMatchObject({
      finding: { stream, revision: '3', problem: 'missing-hash' },
    });
  });

  it('folds an untouched stream as before', async () => {
    const stream = await handedOn();
    expect((await repository.load(custody, stream)).state).toBe('cara');
  });
});
