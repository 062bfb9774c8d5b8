/**
 * `cli projections status|rebuild|skip`: admin commands that act through MongoDB, where the
 * projector processes look for them (docs/adr/0005). They need no projector to be reachable:
 * a rebuild request waits in the registry until one holds the projection's lease.
 */
import * as path from 'node:path';
import { loadConfig } from '@handoff/shared';
import { embeddedReadStoreUri } from '@handoff/readstore/embedded/launch';
import { databaseName, ProjectionStore, ProjectionDefinition } from '@handoff/projections';
import { MongoClient } from 'mongodb';
import { PROJECTIONS } from '../../projector/src/projections/projection-catalog';
import { UsageError } from './cli';

/** As parsed and checked by cli.ts. */
export interface RebuildOptions {
  /** 0: request the rebuild and return. */
  wait: number;
}

const stdout = (line: string) => process.stdout.write(`${line}\n`);

export function projectionsStatus(out: (line: string) => void = stdout): Promise<number> {
  return withStore((store) => status(store, out));
}

export function projectionsRebuild(name: string, options: RebuildOptions, out: (line: string) => void = stdout): Promise<number> {
  const definition = definitionNamed(name);
  return withStore((store) => rebuild(store, definition, options.wait, out));
}

export function projectionsSkip(name: string, eventId: string, by: string, out: (line: string) => void = stdout): Promise<number> {
  definitionNamed(name);
  return withStore((store) => skip(store, name, eventId, by, out));
}

async function withStore(run: (store: ProjectionStore) => Promise<number>): Promise<number> {
  const config = loadConfig();
  const uri = config.mongodbUri ?? embeddedReadStoreUri(path.join(config.dataDir, 'readstore'), config.embeddedMongoDbPort);
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5_000 });
  try {
    return await run(new ProjectionStore(client.db(databaseName({ mongodbUri: uri }))));
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
    for (const [role, generation] of [['active', registry.active], ['rebuilding', registry.pending]] as const) {
      if (!generation) continue;
      const track = await store.findTrack(definition.name, generation.generation);
      const error = track?.error ? `  STOPPED on ${track.error.eventType} ${track.error.eventId} at ${track.error.position}: ${track.error.message}` : '';
      out(`${definition.name} ${role} v${generation.version} generation ${generation.generation}: checkpoint ${track?.checkpoint ?? 'start'}, ${track?.eventsApplied ?? 0} events, ${track?.eventsPerSecond ?? 0}/s${error}`);
    }
  }
  return 0;
}

async function rebuild(store: ProjectionStore, definition: ProjectionDefinition<any>, waitSeconds: number, out: (line: string) => void): Promise<number> {
  const pending = await store.requestRebuild(definition, 'rebuild', `cli:${process.env.USER ?? 'unknown'}`);
  out(`rebuild of ${definition.name} requested: generation ${pending.generation} (v${pending.version}) builds into ${Object.values(pending.collections).join(', ')} while the current one serves`);
  if (waitSeconds <= 0) return 0;
  const deadline = Date.now() + waitSeconds * 1000;
  while (Date.now() < deadline) {
    const registry = await store.findRegistry(definition.name);
    if (registry?.active.generation === pending.generation) {
      out(`switched: readers now use generation ${pending.generation}`);
      return 0;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  out(`still rebuilding after ${waitSeconds} s (see \`cli projections status\`)`);
  return 1;
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
