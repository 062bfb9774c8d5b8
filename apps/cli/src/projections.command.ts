/**
 * `cli projections status|rebuild|skip`: admin commands that act through MongoDB, where the
 * projector processes look for them (docs/adr/0005). They need no projector to be reachable:
 * a rebuild request waits in the registry until one holds the projection's lease. Reactions
 * (ADR 0017) are listed and skipped the same way, by name.
 */
import * as path from 'node:path';
import { EventStoreDBClient } from '@eventstore/db-client';
import { allHeadPosition } from '@handoff/eventstore';
import { loadConfig } from '@handoff/shared';
import { embeddedReadStoreUri } from '@handoff/readstore/embedded/launch';
import { databaseName, parsePosition, ProjectionStore, ProjectionDefinition, TrackRecord } from '@handoff/projections';
import { Presets, SingleBar } from 'cli-progress';
import { MongoClient } from 'mongodb';
import { PROJECTIONS, REACTIONS } from '@handoff/catalog';
import { type ReactionDefinition, reactionId, ReactionStore } from '@handoff/reactions';
import { UsageError } from './cli';
import { eventStoreConnectionString } from './event-store-connection';

/** As parsed and checked by cli.ts. */
export interface RebuildOptions {
  /** 0: request the rebuild and return. */
  wait: number;
}

export interface ProjectionsOutput {
  out(line: string): void;
  /** Where the rebuild's progress bar goes: stderr when it is a terminal; nowhere in CI logs. */
  progress?: NodeJS.WritableStream;
}

const stdout: ProjectionsOutput = { out: (line) => process.stdout.write(`${line}\n`), progress: process.stderr.isTTY ? process.stderr : undefined };

export function projectionsStatus(output: ProjectionsOutput = stdout): Promise<number> {
  return withStore(async (store, reactions) => {
    await status(store, output.out);
    return reactionStatus(reactions, output.out);
  });
}

export function projectionsRebuild(name: string, options: RebuildOptions, output: ProjectionsOutput = stdout): Promise<number> {
  const definition = definitionNamed(name);
  return withStore(async (store) => {
    if (!output.progress || options.wait === 0) return rebuild(store, definition, options.wait, { out: output.out });
    // The head of $all is the bar's 100%; only a terminal shows the bar, so only it pays for the connection.
    const client = EventStoreDBClient.connectionString(eventStoreConnectionString(loadConfig()));
    try {
      const head = async () => (await allHeadPosition(client).catch(() => undefined))?.commit;
      return await rebuild(store, definition, options.wait, { out: output.out, progress: output.progress, head });
    } finally {
      await client.dispose();
    }
  });
}

/** Skips the event a projection, or a reaction, is stopped on (recorded); refused unless it is stopped on exactly that event. */
export function projectionsSkip(name: string, eventId: string, by: string, output: ProjectionsOutput = stdout): Promise<number> {
  const reaction = REACTIONS.find((r) => r.name === name);
  if (reaction) return withStore((_store, reactions) => skipReaction(reactions, reaction, eventId, by, output.out));
  if (!PROJECTIONS.some((p) => p.name === name)) throw new UsageError(`no projection or reaction named "${name}"; known: ${[...PROJECTIONS, ...REACTIONS].map((p) => p.name).join(', ')}`);
  return withStore((store) => skip(store, name, eventId, by, output.out));
}

async function withStore(run: (store: ProjectionStore, reactions: ReactionStore) => Promise<number>): Promise<number> {
  const config = loadConfig();
  const uri = config.mongodbUri ?? embeddedReadStoreUri(path.join(config.dataDir, 'readstore'), config.embeddedMongoDbPort);
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5_000 });
  try {
    const db = client.db(databaseName({ mongodbUri: uri }));
    return await run(new ProjectionStore(db), new ReactionStore(db));
  } finally {
    await client.close();
  }
}

function definitionNamed(name: string): ProjectionDefinition<any> {
  const definition = PROJECTIONS.find((p) => p.name === name);
  if (!definition) throw new UsageError(`no projection named "${name}"; known: ${PROJECTIONS.map((p) => p.name).join(', ')}`);
  return definition;
}

async function status(store: ProjectionStore, out: (line: string) => void): Promise<number> {
  for (const definition of PROJECTIONS) {
    const registry = await store.findRegistry(definition.name);
    if (!registry) {
      out(`${definition.name} v${definition.version}: not started yet`);
      continue;
    }
    for (const [role, generation] of [
      ['active', registry.active],
      ['rebuilding', registry.pending],
    ] as const) {
      if (!generation) continue;
      const track = await store.findTrack(definition.name, generation.generation);
      const error = track?.error ? `  STOPPED on ${track.error.eventType} ${track.error.eventId} at ${track.error.position}: ${track.error.message}` : '';
      out(
        `${definition.name} ${role} v${generation.version} generation ${generation.generation}: checkpoint ${track?.checkpoint ?? 'start'}, ${track?.eventsApplied ?? 0} events, ${track?.eventsPerSecond ?? 0}/s${error}`,
      );
    }
  }
  return 0;
}

export interface RebuildWatch {
  out(line: string): void;
  progress?: NodeJS.WritableStream;
  /** The commit position of the head of `$all` now (undefined: unknown), re-read on every poll since events keep coming. */
  head?: () => Promise<bigint | undefined>;
  pollMs?: number;
}

type RebuildStore = Pick<ProjectionStore, 'requestRebuild' | 'findRegistry' | 'findTrack'>;

/**
 * Requests the rebuild; with a wait, polls the registry until readers use the new generation. The
 * bar (a terminal only) shows the new generation's checkpoint against the head of `$all`, and the
 * events it has projected; a summary line ends the wait either way.
 */
export async function rebuild(store: RebuildStore, definition: ProjectionDefinition<any>, waitSeconds: number, watch: RebuildWatch): Promise<number> {
  const pending = await store.requestRebuild(definition, 'rebuild', `cli:${process.env.USER ?? 'unknown'}`);
  watch.out(
    `rebuild of ${definition.name} requested: generation ${pending.generation} (v${pending.version}) builds into ${Object.values(pending.collections).join(', ')} while the current one serves`,
  );
  if (waitSeconds <= 0) return 0;
  const started = Date.now();
  const deadline = started + waitSeconds * 1000;
  const bar = watch.progress
    ? new SingleBar(
        { stream: watch.progress, format: `rebuilding ${definition.name} {bar} {percentage}% | position {value}/{total} | {events} events`, hideCursor: true, emptyOnZero: true },
        Presets.shades_classic,
      )
    : undefined;
  let track: TrackRecord | null = null;
  let head: bigint | undefined;
  const show = async () => {
    if (!bar) return;
    head = (await watch.head?.()) ?? head;
    const checkpoint = track?.checkpoint ? parsePosition(track.checkpoint).commit : 0n;
    // Unknown head (event store unreachable): the bar still counts events, against the checkpoint itself.
    bar.setTotal(Number(head !== undefined && head > checkpoint ? head : checkpoint));
    bar.update(Number(checkpoint), { events: track?.eventsApplied ?? 0 });
  };
  bar?.start(0, 0, { events: 0 });
  try {
    for (;;) {
      const registry = await store.findRegistry(definition.name);
      track = await store.findTrack(definition.name, pending.generation);
      await show();
      if (registry?.active.generation === pending.generation) {
        bar?.update(bar.getTotal());
        bar?.stop();
        watch.out(`switched: readers now use generation ${pending.generation} (${track?.eventsApplied ?? 0} events projected in ${elapsed(started)})`);
        return 0;
      }
      if (Date.now() >= deadline) break;
      await new Promise((resolve) => setTimeout(resolve, Math.min(watch.pollMs ?? 500, Math.max(0, deadline - Date.now()))));
    }
  } finally {
    bar?.stop();
  }
  watch.out(
    `still rebuilding after ${waitSeconds} s: generation ${pending.generation} at checkpoint ${track?.checkpoint ?? 'start'}, ${track?.eventsApplied ?? 0} events (see \`cli projections status\`)`,
  );
  return 1;
}

function elapsed(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

async function skip(store: ProjectionStore, name: string, eventId: string, by: string, out: (line: string) => void): Promise<number> {
  const track = await store.requestSkip(name, eventId, by);
  if (!track) {
    out(`refused: ${name} is not stopped on event ${eventId} (only the event a projection is stopped on can be skipped)`);
    return 1;
  }
  out(`skip of ${eventId} (${track.error?.eventType} at ${track.error?.position}) requested for ${name} generation ${track.generation}; the projector records it and goes on`);
  return 0;
}

async function reactionStatus(store: ReactionStore, out: (line: string) => void): Promise<number> {
  for (const definition of REACTIONS) {
    const record = await store.records.findOne({ _id: reactionId(definition) });
    if (!record) {
      out(`reaction ${definition.name} v${definition.version}: not started yet`);
      continue;
    }
    const error = record.error ? `  STOPPED on ${record.error.eventType} ${record.error.eventId} at ${record.error.position}: ${record.error.message}` : '';
    out(
      `reaction ${definition.name} v${definition.version}: checkpoint ${record.checkpoint ?? 'start'}, ${record.events} events, ${record.commands} commands (${record.refused} refused, ${record.repeated} found done), ${record.eventsPerSecond}/s${error}`,
    );
  }
  return 0;
}

async function skipReaction(store: ReactionStore, definition: ReactionDefinition<any>, eventId: string, by: string, out: (line: string) => void): Promise<number> {
  if (!(await store.requestSkip(reactionId(definition), eventId, by))) {
    out(`refused: reaction ${definition.name} is not stopped on event ${eventId} (only the event a reaction is stopped on can be skipped)`);
    return 1;
  }
  out(`skip of ${eventId} requested for reaction ${definition.name} v${definition.version}; the reactor records it and goes on, without issuing that event's commands`);
  return 0;
}
