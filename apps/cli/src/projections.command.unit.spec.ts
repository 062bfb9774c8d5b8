import { PassThrough } from 'node:stream';
import type { ProjectionDefinition } from '@handoff/projections';
import type { Generation, RegistryRecord, TrackRecord } from '@handoff/projections';
import { rebuild } from './projections.command';

const definition = { name: 'parcel-board', version: 3 } as ProjectionDefinition<any>;
const generation = (n: number): Generation => ({ version: 3, generation: n, collections: { parcels: `parcels__v3_${n}` }, createdAt: new Date(0) });

/** A registry that switches to generation 2 after `pollsBeforeSwitch` polls, its track advancing by 100 positions and 40 events a poll. */
function fakeStore(pollsBeforeSwitch: number) {
  let polls = 0;
  return {
    requestRebuild: async () => generation(2),
    findRegistry: async () => {
      polls += 1;
      const active = polls > pollsBeforeSwitch ? generation(2) : generation(1);
      return { _id: definition.name, active, pending: null, nextGeneration: 3, retired: [] } as RegistryRecord;
    },
    findTrack: async (_name: string, n: number) => {
      expect(n).toBe(2);
      return { checkpoint: String(polls * 100), eventsApplied: polls * 40 } as TrackRecord;
    },
  };
}

/** A terminal's stderr: cli-progress draws only on a TTY. */
function terminal(): { stream: NodeJS.WritableStream; text: () => string } {
  const stream = Object.assign(new PassThrough(), { isTTY: true, columns: 120 });
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  return { stream, text: () => chunks.join('') };
}

describe('projections rebuild --wait', () => {
  it('draws the new generation against the head of $all on a terminal, then prints the summary', async () => {
    const lines: string[] = [];
    const tty = terminal();
    const code = await rebuild(fakeStore(3), definition, 10, { out: (l) => lines.push(l), progress: tty.stream, head: async () => 1_000n, pollMs: 1 });
    expect(code).toBe(0);
    expect(lines[0]).toBe('rebuild of parcel-board requested: generation 2 (v3) builds into parcels__v3_2 while the current one serves');
    expect(lines[1]).toMatch(/^switched: readers now use generation 2 \(160 events projected in \d+\.\d s\)$/);
    expect(tty.text()).toContain('rebuilding parcel-board');
    expect(tty.text()).toMatch(/0% \| position 0\/0 \| 0 events/);
    expect(tty.text()).toContain('100% | position 1000/1000 | 160 events');
  });

  it('counts events against the checkpoint when the head is unknown', async () => {
    const tty = terminal();
    await rebuild(fakeStore(1), definition, 10, { out: () => undefined, progress: tty.stream, head: async () => undefined, pollMs: 1 });
    expect(tty.text()).toContain('100% | position 200/200 | 80 events');
  });

  it('draws nothing without a terminal, and still prints the summary', async () => {
    const lines: string[] = [];
    const head = jest.fn(async () => 1_000n);
    expect(await rebuild(fakeStore(2), definition, 10, { out: (l) => lines.push(l), head, pollMs: 1 })).toBe(0);
    expect(lines[1]).toMatch(/^switched: readers now use generation 2 \(120 events projected in/);
    expect(head).not.toHaveBeenCalled();
  });

  it('exits 1 with where the rebuild got to when the wait runs out', async () => {
    const lines: string[] = [];
    const tty = terminal();
    const started = Date.now();
    const code = await rebuild(fakeStore(Infinity), definition, 1, { out: (l) => lines.push(l), progress: tty.stream, head: async () => 1_000_000n, pollMs: 200 });
    expect(code).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(lines[1]).toMatch(/^still rebuilding after 1 s: generation 2 at checkpoint \d+00, \d+ events \(see `cli projections status`\)$/);
    expect(tty.text()).not.toContain('100%');
  });

  it('without --wait, requests the rebuild and returns', async () => {
    const lines: string[] = [];
    const store = fakeStore(0);
    const findRegistry = jest.spyOn(store, 'findRegistry');
    expect(await rebuild(store, definition, 0, { out: (l) => lines.push(l) })).toBe(0);
    expect(lines).toHaveLength(1);
    expect(findRegistry).not.toHaveBeenCalled();
  });
});
