/**
 * Subscriptions read on the subscription thread against the embedded event store: the same events,
 * in the same order and with the same contents, as the client gives on the calling thread; flow
 * control bounds what waits for a slow track; a thread that dies fails its subscriptions, and the
 * next subscription starts another.
 */
import type { AllStreamResolvedEvent } from '@eventstore/db-client';
import { takeEach } from '@handoff/shared/streams/take-each';
import { CAUGHT_UP, FeedItem, FeedSubscription, InThreadFeed } from '../../libs/projections/src/runtime/event-feed/event-feed';
import { SubscriptionThread } from '../../libs/projections/src/runtime/event-feed/subscription-thread';
import { CHUNK, WINDOW } from '../../libs/projections/src/runtime/event-feed/subscription-thread.protocol';
import { appendEvents, ReadSide, startReadSide, waitUntil } from './support/read-side.fixture';

jest.setTimeout(60_000);

let side: ReadSide;
let thread: SubscriptionThread;

beforeAll(async () => {
  side = await startReadSide();
  thread = new SubscriptionThread(side.eventStore.connectionString);
});
afterAll(async () => {
  await thread?.close();
  await side?.dispose();
});

/** Items up to the first caught-up marker. */
async function untilCaughtUp(subscription: FeedSubscription): Promise<FeedItem[]> {
  const items: FeedItem[] = [];
  let done = false;
  await takeEach<FeedItem>(
    subscription,
    (item) => {
      items.push(item);
      if (item === CAUGHT_UP) done = true;
      return undefined;
    },
    () => done,
  );
  await subscription.unsubscribe();
  return items;
}

const eventsOf = (items: FeedItem[]) => items.filter((item): item is AllStreamResolvedEvent => typeof item === 'object' && 'event' in item).map((item) => item.event!);

test('delivers what the client delivers on this thread: the same events in the same order, contents and positions equal, with filter checkpoints', async () => {
  const events = Array.from({ length: 1_500 }, (_, i) => ({
    stream: `feed-${i % 7}`,
    type: i % 3 === 0 ? 'Skipped' : 'Wanted',
    data: { i, nested: { at: `2026-11-22T00:00:${String(i % 60).padStart(2, '0')}.000Z`, list: [i, 'x'] } },
  }));
  await appendEvents(side.client, events, 50);
  const request = { eventTypes: ['Wanted'], checkpointInterval: 1 };
  const [onThread, here] = await Promise.all([untilCaughtUp(thread.subscribe(request)), untilCaughtUp(new InThreadFeed(side.client).subscribe(request))]);
  const threadEvents = eventsOf(onThread);
  expect(threadEvents).toHaveLength(1_000);
  expect(threadEvents).toEqual(eventsOf(here));
  const wanted = Array.from({ length: 7 }, (_, stream) => events.filter((e) => e.stream === `feed-${stream}` && e.type === 'Wanted').map((e) => e.data)).flat();
  expect(threadEvents.map((event) => event.data)).toEqual(wanted); // appended stream after stream
  expect(typeof threadEvents[0]!.position.commit).toBe('bigint');
  expect(threadEvents[0]!.created).toEqual(eventsOf(here)[0]!.created);
  // filter checkpoints come through, in log order with the events
  let last = -1n;
  let checkpoints = 0;
  for (const item of onThread) {
    if (item === CAUGHT_UP || typeof item !== 'object') continue;
    const commit = 'checkpoint' in item ? item.checkpoint.commit : item.event!.position.commit;
    if ('checkpoint' in item) checkpoints++;
    expect(commit >= last).toBe(true);
    last = commit;
  }
  expect(checkpoints).toBeGreaterThan(0);
});

test('a track that does not take its items holds the subscription back, then gets every one in order', async () => {
  const events = Array.from({ length: 20_000 }, (_, i) => ({ stream: `slow-${i % 10}`, type: 'Slow', data: { i } }));
  await appendEvents(side.client, events, 500);
  const subscription = thread.subscribe({ eventTypes: ['Slow'], checkpointInterval: 8 });
  // nothing is read for a while: the thread stops at its window (WINDOW items, plus a chunk) instead of sending all 20,000
  await waitUntil('the first items', async () => subscription.readableLength > 0);
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  expect(WINDOW).toBeLessThan(20_000 / 2); // so the 20,000 below cross at least two pauses and resumes
  expect(subscription.readableLength).toBeLessThanOrEqual(WINDOW + CHUNK);
  const received = eventsOf(await untilCaughtUp(subscription)).map((event) => (event.data as { i: number }).i);
  expect(received).toHaveLength(20_000);
  // appendEvents writes stream after stream, so `$all` holds slow-0's events, then slow-1's, ...
  const appended = Array.from({ length: 10 }, (_, stream) => events.filter((e) => e.stream === `slow-${stream}`).map((e) => e.data.i)).flat();
  expect(received).toEqual(appended);
});

test('a thread that dies fails its open subscriptions; the next subscription runs on a new thread', async () => {
  await appendEvents(side.client, [{ stream: 'crash-1', type: 'Crash', data: { n: 1 } }]);
  const subscription = thread.subscribe({ eventTypes: ['Crash'], checkpointInterval: 8 });
  const failed = takeEach<FeedItem>(subscription, () => undefined);
  await waitUntil('the subscription to deliver', async () => subscription.readableLength > 0 || subscription.readableDidRead);
  await thread.crash();
  await expect(failed).rejects.toThrow(/subscription thread exited/);
  const again = eventsOf(await untilCaughtUp(thread.subscribe({ eventTypes: ['Crash'], checkpointInterval: 8 })));
  expect(again.map((event) => event.data)).toEqual([{ n: 1 }]);
});

test('unsubscribing ends the stream', async () => {
  const subscription = thread.subscribe({ eventTypes: ['Nothing'], checkpointInterval: 8 });
  const ended = new Promise<void>((resolve) => subscription.once('end', () => resolve()));
  subscription.resume();
  await subscription.unsubscribe();
  await ended;
  expect(subscription.readableEnded).toBe(true);
});
