/**
 * EventStoreDB contract: catch-up subscriptions to a stream and to $all.
 *
 * Semantics relied on (EventStore/EventStore):
 * - src/EventStore.Core/Services/Transport/Grpc/Enumerators.StreamSubscription.cs: a stream subscription
 *   from revision n starts at n + 1 (exclusive); from END only sees events appended later.
 * - src/EventStore.Core/Services/Transport/Grpc/Enumerators.AllSubscription.cs: a $all subscription from a
 *   position reads one event at that position and starts after it (exclusive); a subscription confirmation
 *   is sent first; catch-up switches to live without gaps (live events at or before the last seen
 *   position are skipped).
 * - Filtered $all subscriptions (Enumerators.AllSubscriptionFiltered.cs) send checkpoints as they search.
 * - Client 6.2.1 streams/utils/Subscription.js emits 'confirmation', 'caughtUp', 'fellBehind' and calls
 *   checkpointReached for ReadResp.checkpoint; excludeSystemEvents() is eventTypeFilter regex ^[^$].*.
 */
import { AllStreamResolvedEvent, END, Position, ResolvedEvent, START, SubscribeToAllOptions, eventTypeFilter, excludeSystemEvents, streamNameFilter } from '@eventstore/db-client';
import { ContractTarget, createTarget } from './support/target';
import { confirmed, expectStrictlyIncreasing, comparePositions, record, sleep, testEvent, testEvents, uniqueStream, uuid, waitFor } from './support/events';

jest.setTimeout(40_000);

let target: ContractTarget;
const client = () => target.client;
const open: { unsubscribe(): Promise<void> }[] = [];

beforeAll(async () => {
  target = await createTarget();
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.unsubscribe().catch(() => undefined)));
});
afterAll(async () => {
  await target?.close();
});

const track = <S extends { unsubscribe(): Promise<void> }>(s: S): S => {
  open.push(s);
  return s;
};

async function endOfAll(): Promise<Position> {
  for await (const e of client().readAll({ direction: 'backwards', fromPosition: END, maxCount: 1 })) return e.event!.position!;
  return { commit: 0n, prepare: 0n };
}

/** A unique prefix, escaped for use in a regex. */
const prefixFor = (label: string) => `contract-${label}-${uuid().replace(/-/g, '')}`;

const revs = (events: ResolvedEvent[]) => events.map((e) => Number(e.event!.revision));

describe('subscriptions: to a stream', () => {
  test('from START delivers existing events then live ones, in order', async () => {
    const stream = uniqueStream('sub');
    await client().appendToStream(stream, testEvents(3));
    const rec = record<ResolvedEvent>(track(client().subscribeToStream(stream, { fromRevision: START })));
    await waitFor(() => rec.events.length >= 3, 5_000, '3 historical events');
    await client().appendToStream(stream, testEvents(2));
    await waitFor(() => rec.events.length >= 5, 5_000, '2 live events');
    await sleep(200);
    expect(revs(rec.events)).toEqual([0, 1, 2, 3, 4]);
    expect(rec.errors).toEqual([]);
  });

  test('from END delivers only events appended after the subscription is confirmed', async () => {
    const stream = uniqueStream('sub');
    await client().appendToStream(stream, testEvents(3));
    const rec = record<ResolvedEvent>(track(client().subscribeToStream(stream, { fromRevision: END })));
    await confirmed(rec);
    await sleep(100);
    await client().appendToStream(stream, testEvents(2));
    await waitFor(() => rec.events.length >= 2, 5_000, '2 live events');
    await sleep(200);
    expect(revs(rec.events)).toEqual([3, 4]);
  });

  test('from revision 1 starts after it (exclusive): revisions 2.. are delivered', async () => {
    const stream = uniqueStream('sub');
    await client().appendToStream(stream, testEvents(4));
    const rec = record<ResolvedEvent>(track(client().subscribeToStream(stream, { fromRevision: 1n })));
    await waitFor(() => rec.events.length >= 2, 5_000, 'revisions 2 and 3');
    await client().appendToStream(stream, testEvent());
    await waitFor(() => rec.events.length >= 3, 5_000, 'live revision 4');
    await sleep(200);
    expect(revs(rec.events)).toEqual([2, 3, 4]);
  });

  test('a subscription to a stream that does not exist yet receives its first events when written', async () => {
    const stream = uniqueStream('sub');
    const rec = record<ResolvedEvent>(track(client().subscribeToStream(stream, { fromRevision: START })));
    await confirmed(rec);
    await client().appendToStream(stream, testEvents(2));
    await waitFor(() => rec.events.length >= 2, 5_000, 'first events');
    expect(revs(rec.events)).toEqual([0, 1]);
  });

  test('caughtUp, when the server sends it, arrives after the historical events and before live ones', async () => {
    const stream = uniqueStream('sub');
    await client().appendToStream(stream, testEvents(5));
    const rec = record<ResolvedEvent>(track(client().subscribeToStream(stream, { fromRevision: START })));
    await waitFor(() => rec.events.length >= 5, 5_000, '5 historical events');
    // EventStoreDB 24.x sends caught_up; the embedded server must (23.10 may not).
    if (target.embedded) await waitFor(() => rec.caughtUp.length > 0, 5_000, 'caughtUp');
    else await sleep(500);
    await client().appendToStream(stream, testEvent());
    await waitFor(() => rec.events.length >= 6, 5_000, 'live event');
    await sleep(200);
    expect(revs(rec.events)).toEqual([0, 1, 2, 3, 4, 5]);
    if (rec.caughtUp.length > 0) expect(rec.caughtUp[0]).toBe(5);
  });
});

describe('subscriptions: to $all', () => {
  test('from a position starts after it (exclusive)', async () => {
    const stream = uniqueStream('suball');
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await client().appendToStream(stream, testEvent('Positioned', { i })));
    const [first] = await readStreamPositions(stream);
    const rec = record<AllStreamResolvedEvent>(track(client().subscribeToAll({ fromPosition: first })));
    await waitFor(() => rec.events.filter((e) => e.event?.streamId === stream).length >= 2, 5_000, 'events after the first');
    const ours = rec.events.filter((e) => e.event?.streamId === stream);
    expect(ours.map((e) => (e.event!.data as { i: number }).i)).toEqual([1, 2]);
    expect(rec.events.every((e) => comparePositions(e.event!.position!, first) > 0)).toBe(true);
  });

  test('from END delivers only later events', async () => {
    const stream = uniqueStream('suball');
    await client().appendToStream(stream, testEvents(2, 'Before'));
    const rec = record<AllStreamResolvedEvent>(track(client().subscribeToAll({ fromPosition: END })));
    await confirmed(rec);
    await sleep(100);
    await client().appendToStream(stream, testEvents(2, 'After'));
    await waitFor(() => rec.events.filter((e) => e.event?.streamId === stream).length >= 2, 5_000, 'later events');
    await sleep(200);
    const ours = rec.events.filter((e) => e.event?.streamId === stream);
    expect(ours.map((e) => e.event!.type)).toEqual(['After', 'After']);
    expect(ours.map((e) => Number(e.event!.revision))).toEqual([2, 3]);
  });

  test('from START with a stream-prefix filter delivers history then live, in $all order', async () => {
    const prefix = prefixFor('start');
    await client().appendToStream(`${prefix}-1`, testEvents(2));
    await client().appendToStream(`${prefix}-2`, testEvents(2));
    const rec = record<AllStreamResolvedEvent>(track(client().subscribeToAll({ fromPosition: START, filter: streamNameFilter({ prefixes: [prefix] }) })));
    await waitFor(() => rec.events.length >= 4, 10_000, 'history');
    await client().appendToStream(`${prefix}-1`, testEvent());
    await waitFor(() => rec.events.length >= 5, 5_000, 'live');
    await sleep(200);
    expect(rec.events.map((e) => `${e.event!.streamId.slice(prefix.length)}@${e.event!.revision}`)).toEqual(['-1@0', '-1@1', '-2@0', '-2@1', '-1@2']);
    expectStrictlyIncreasing(rec.events.map((e) => e.event!.position!));
  });

  test('catch-up to live while 3 writers append 300 events: every event exactly once, in $all order', async () => {
    const prefix = prefixFor('busy');
    const streams = [`${prefix}-a`, `${prefix}-b`, `${prefix}-c`];
    const start = await endOfAll();
    const perWriter = 100;
    const deadline = Date.now() + 20_000;
    const writer = async (stream: string) => {
      for (let i = 0; i < perWriter && Date.now() < deadline; i += 2) {
        await client().appendToStream(stream, testEvents(2, 'Busy', { n: i }));
      }
    };
    const writing = Promise.all(streams.map(writer));
    await sleep(50); // some history before subscribing, the rest live
    const allRec = record<AllStreamResolvedEvent>(track(client().subscribeToAll({ fromPosition: start, filter: streamNameFilter({ prefixes: [prefix] }) })));
    const streamRec = record<ResolvedEvent>(track(client().subscribeToStream(streams[1], { fromRevision: START })));
    await writing;
    await waitFor(() => allRec.events.length >= 300 && streamRec.events.length >= 100, 15_000, '300 events');
    await sleep(300);

    expect(allRec.errors).toEqual([]);
    expect(allRec.events).toHaveLength(300);
    const ids = allRec.events.map((e) => e.event!.id);
    expect(new Set(ids).size).toBe(300);
    expectStrictlyIncreasing(allRec.events.map((e) => e.event!.position!));
    for (const stream of streams) {
      const perStream = allRec.events.filter((e) => e.event!.streamId === stream).map((e) => Number(e.event!.revision));
      expect(perStream).toEqual(Array.from({ length: perWriter }, (_, i) => i));
    }
    expect(revs(streamRec.events)).toEqual(Array.from({ length: perWriter }, (_, i) => i));

    // same order as a read of $all
    const read: string[] = [];
    for await (const e of client().readAll({ fromPosition: start })) {
      if (e.event?.streamId.startsWith(prefix)) read.push(e.event.id);
      if (read.length >= 300) break;
    }
    expect(ids).toEqual(read);
  });

  test('20 concurrent subscribers all receive every event, in order', async () => {
    const prefix = prefixFor('many');
    const recs = Array.from({ length: 20 }, () => record<AllStreamResolvedEvent>(track(client().subscribeToAll({ fromPosition: END, filter: streamNameFilter({ prefixes: [prefix] }) }))));
    for (const rec of recs) await confirmed(rec);
    await sleep(100);
    const written: string[] = [];
    for (let i = 0; i < 10; i++) {
      const events = testEvents(5, 'Fanned', { i });
      await client().appendToStream(`${prefix}-${i % 3}`, events);
      written.push(...events.map((e) => e.id));
    }
    await waitFor(() => recs.every((r) => r.events.length >= 50), 10_000, 'every subscriber to get 50 events');
    await sleep(200);
    for (const rec of recs) expect(rec.events.map((e) => e.event!.id)).toEqual(written);
  });
});

describe('subscriptions: server-side filters on $all', () => {
  async function filtered(filter: NonNullable<SubscribeToAllOptions['filter']>, start: Position) {
    return record<AllStreamResolvedEvent>(track(client().subscribeToAll({ fromPosition: start, filter })));
  }

  test('eventTypeFilter with prefixes delivers only matching types', async () => {
    const p = prefixFor('type');
    const start = await endOfAll();
    const stream = uniqueStream('filter');
    await client().appendToStream(stream, [testEvent(`${p}Accepted`), testEvent(`Other${p}`), testEvent(`${p}Declined`), testEvent(`${p.toUpperCase()}Accepted`), testEvent(`${p}Accepted`)]);
    const rec = await filtered(eventTypeFilter({ prefixes: [`${p}Accepted`, `${p}Declined`] }), start);
    await waitFor(() => rec.events.length >= 3, 5_000, '3 matching events');
    await sleep(300);
    expect(rec.events.map((e) => Number(e.event!.revision))).toEqual([0, 2, 4]);
  });

  test('eventTypeFilter with a regex delivers only matching types', async () => {
    const p = prefixFor('typeregex').replace(/-/g, '');
    const start = await endOfAll();
    const stream = uniqueStream('filter');
    await client().appendToStream(stream, [testEvent(`${p}One`), testEvent(`${p}Two`), testEvent(`x${p}One`), testEvent(`${p}Three`)]);
    const rec = await filtered(eventTypeFilter({ regex: `^${p}(One|Three)$` }), start);
    await waitFor(() => rec.events.length >= 2, 5_000, '2 matching events');
    await sleep(300);
    expect(rec.events.map((e) => e.event!.type)).toEqual([`${p}One`, `${p}Three`]);
  });

  test('streamNameFilter with prefixes delivers only streams starting with one of them', async () => {
    const p = prefixFor('stream');
    const start = await endOfAll();
    await client().appendToStream(`${p}-parcel-1`, testEvent('A'));
    await client().appendToStream(`x${p}-parcel-2`, testEvent('B'));
    await client().appendToStream(`${p}-waiver-1`, testEvent('C'));
    await client().appendToStream(`${p}-payout-1`, testEvent('D'));
    const rec = await filtered(streamNameFilter({ prefixes: [`${p}-parcel`, `${p}-waiver`] }), start);
    await waitFor(() => rec.events.length >= 2, 5_000, '2 matching events');
    await sleep(300);
    expect(rec.events.map((e) => e.event!.type)).toEqual(['A', 'C']);
  });

  test('streamNameFilter with a regex delivers only matching streams', async () => {
    const p = prefixFor('streamregex');
    const start = await endOfAll();
    await client().appendToStream(`${p}-1`, testEvent('A'));
    await client().appendToStream(`${p}-x`, testEvent('B'));
    await client().appendToStream(`${p}-22`, testEvent('C'));
    const rec = await filtered(streamNameFilter({ regex: `^${p}-\\d+$` }), start);
    await waitFor(() => rec.events.length >= 2, 5_000, '2 matching events');
    await sleep(300);
    expect(rec.events.map((e) => e.event!.type)).toEqual(['A', 'C']);
  });

  test('checkpointReached is called with non-decreasing positions at or after the start', async () => {
    const p = prefixFor('checkpoint');
    const start = await endOfAll();
    // lots of non-matching events so the server has to search past them
    for (let i = 0; i < 5; i++) await client().appendToStream(uniqueStream('noise'), testEvents(20, 'Noise'));
    await client().appendToStream(`${p}-1`, testEvent('Signal'));
    const checkpoints: Position[] = [];
    const rec = await filtered(
      streamNameFilter({
        prefixes: [p],
        checkpointInterval: 1,
        checkpointReached: (_sub: unknown, position: Position) => {
          checkpoints.push(position);
        },
      }),
      start,
    );
    await waitFor(() => rec.events.length >= 1 && checkpoints.length >= 1, 10_000, 'the signal event and a checkpoint');
    expect(rec.events.map((e) => e.event!.type)).toEqual(['Signal']);
    for (let i = 1; i < checkpoints.length; i++) expect(comparePositions(checkpoints[i - 1], checkpoints[i])).toBeLessThanOrEqual(0);
    expect(checkpoints[0].commit).toBeGreaterThanOrEqual(start.commit);
  });

  test('setStreamMetadata writes a $metadata event to $$stream: visible in unfiltered $all, excluded by excludeSystemEvents', async () => {
    const stream = uniqueStream('meta');
    const start = await endOfAll();
    await client().appendToStream(stream, testEvent('Before'));
    await client().setStreamMetadata(stream, { custom: 'x' });
    await client().appendToStream(stream, testEvent('After'));

    // unfiltered read shows the metadata event
    const unfiltered: AllStreamResolvedEvent[] = [];
    const deadline = Date.now() + 5_000;
    for await (const e of client().readAll({ fromPosition: start })) {
      if (e.event && (e.event.streamId === stream || e.event.streamId === `$$${stream}`)) unfiltered.push(e);
      if (unfiltered.length >= 3 || Date.now() > deadline) break;
    }
    expect(unfiltered.map((e) => `${e.event!.streamId === stream ? 'S' : '$$S'}:${e.event!.type}`)).toEqual(['S:Before', '$$S:$metadata', 'S:After']);

    const rec = await filtered(excludeSystemEvents(), start);
    await waitFor(() => rec.events.some((e) => e.event?.id === unfiltered[2].event!.id), 5_000, 'the After event');
    expect(rec.events.filter((e) => e.event!.type.startsWith('$'))).toEqual([]);
    expect(rec.events.filter((e) => e.event!.streamId === stream).map((e) => e.event!.type)).toEqual(['Before', 'After']);
  });
});

async function readStreamPositions(stream: string): Promise<Position[]> {
  const positions: Position[] = [];
  for await (const e of client().readStream(stream)) positions.push(e.event!.position!);
  return positions;
}
