/**
 * The reactor fault test (issue 18 §3, ADR 0017): 200,000 source events, the reactor process killed
 * with SIGKILL at random moments at least 10 times, then left to finish. The effects (tips in the
 * jars) must equal an oracle computed from the pledges alone: no tip missing, none twice, every
 * refusal still a refusal.
 */
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { EventStore } from '@handoff/eventstore';
import { positionKey } from '@handoff/projections';
import { ReactionStore, reactionKey } from '@handoff/reactions';
import { seededRandom } from '../../bench/seeded-random';
import { eventually } from '../support/eventually';
import { killAfter, useReactorHarness } from '../support/reactor-launcher';
import { jarStream, type TipAdded, type TipPledged, tipJarsReaction } from '../support/tip-jar';

const SOURCE_EVENTS = Number(process.env.REACTOR_KILL_EVENTS ?? 200_000);
const KILLS = 12;
const JARS = 200;
const PER_STREAM = 100;
jest.setTimeout(20 * 60_000);

const REACTOR = path.resolve(__dirname, '../../dist/test/support/reactor-process.js');

describe(`the reactor, killed ${KILLS} times during ${SOURCE_EVENTS} source events`, () => {
  const harness = useReactorHarness(REACTOR, 'reactor-kill');
  const startReactor = (owner: string) => harness.startReactor(owner);

  it('leaves every jar with exactly the tips the pledges call for', async () => {
    // The pledges, and from them alone the oracle: which keys must exist once, and each jar's total.
    const random = seededRandom(18_003);
    const store = harness.module.get(EventStore);
    const jars = Array.from({ length: JARS }, (_, i) => `jar-${i}-${randomUUID().slice(0, 8)}`);
    const streams: TipPledged[][] = [];
    for (let i = 0; i < SOURCE_EVENTS; i += PER_STREAM) {
      streams.push(
        Array.from({ length: Math.min(PER_STREAM, SOURCE_EVENTS - i) }, () => ({
          type: 'TipPledged' as const,
          // About 1 in 500 is not a tip at all: the jar refuses it, on every replay.
          data: { jarId: jars[Math.floor(random() * JARS)]!, amountMinor: random() < 0.002 ? 0 : 1 + Math.floor(random() * 2_000) },
        })),
      );
    }
    const expectedKeys = new Map<string, { jarId: string; amountMinor: number }>();
    let refusals = 0;
    let lastKey = '';
    for (let s = 0; s < streams.length; s += 8) {
      const appended = await Promise.all(
        streams
          .slice(s, s + 8)
          .map((events) =>
            store.append(`pledges-${randomUUID()}`, events, { expectedRevision: 'no_stream', context: { correlationId: 'seed', causationId: 'seed', actor: { kind: 'courier', id: 'seeder' } } }),
          ),
      );
      for (const { envelopes, position } of appended) {
        if (position && positionKey(position) > lastKey) lastKey = positionKey(position);
        for (const envelope of envelopes) {
          const data = envelope.data as TipPledged['data'];
          if (data.amountMinor > 0) expectedKeys.set(reactionKey(tipJarsReaction, envelope.metadata.eventId, 0), data);
          else refusals++;
        }
      }
    }

    // Kill it at random moments while it works, then let one run finish.
    const record = () => harness.mongo.db(harness.dbName).collection<{ _id: string; events: number; caughtUp: boolean; checkpointKey: string }>('reactions').findOne({ _id: 'tip-jars@v1' });
    for (let kill = 1; kill <= KILLS; kill++) {
      const child = await startReactor(`reactor-${kill}`);
      // Startup and the dead owner's lease (1.5 s) take ~2-3 s; then it works for 1-8 s before it dies.
      await killAfter(child, 3_000 + random() * 7_000);
    }
    const progressAtLastKill = (await record())?.events ?? 0;
    expect(progressAtLastKill).toBeGreaterThan(0); // the kills landed while it was working…
    expect(progressAtLastKill).toBeLessThan(SOURCE_EVENTS); // …and before it had finished
    await startReactor('reactor-final');
    const finalStart = Date.now();
    await eventually(
      'the last reactor to catch up',
      async () => {
        const now = await record();
        return !!now?.caughtUp && now.checkpointKey >= lastKey;
      },
      15 * 60_000,
      500,
    );
    process.stderr.write(`reactor: ${progressAtLastKill} events at the last kill, the rest in ${Date.now() - finalStart} ms\n`);

    // Compare with the oracle: every key once, no key the oracle lacks, and every jar's total.
    const seen = new Map<string, number>();
    const totals = new Map<string, number>();
    for (const jarId of jars) {
      for (const event of (await store.readStream<TipAdded>(jarStream(jarId)).catch(() => ({ events: [] as never[] }))).events) {
        const key = event.metadata.idempotencyKey!;
        seen.set(key, (seen.get(key) ?? 0) + 1);
        totals.set(jarId, (totals.get(jarId) ?? 0) + event.data.amountMinor);
        expect(expectedKeys.get(key)).toEqual({ jarId, amountMinor: event.data.amountMinor });
      }
    }
    const twice = [...seen].filter(([, n]) => n > 1);
    const missing = [...expectedKeys.keys()].filter((key) => !seen.has(key));
    expect({ twice: twice.length, missing: missing.length, extra: seen.size - (expectedKeys.size - missing.length) }).toEqual({ twice: 0, missing: 0, extra: 0 });
    for (const jarId of jars) {
      const oracle = [...expectedKeys.values()].filter((p) => p.jarId === jarId).reduce((sum, p) => sum + p.amountMinor, 0);
      expect({ jarId, total: totals.get(jarId) ?? 0 }).toEqual({ jarId, total: oracle });
    }
    expect(refusals).toBeGreaterThan(0);
    const final = await new ReactionStore(harness.mongo.db(harness.dbName)).records.findOne({ _id: 'tip-jars@v1' });
    expect(final!.error).toBeNull();
  });
});
