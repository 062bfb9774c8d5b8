/**
 * `cli projections rebuild|skip|status`: admin commands that act through MongoDB, where the
 * projector processes look for them (docs/adr/0005). They need no projector to be reachable:
 * a rebuild request waits in the registry until one holds the projection's lease.
 */
import * as path from 'node:path';
import { loadConfig } from '@handoff/shared';
import { embeddedReadStoreUri } from '@handoff/readstore/embedded/launch';
import { databaseName, ProjectionStore, ProjectionDefinition } from '@handoff/projections';
import { MongoClient } from 'mongodb';
import { PROJECTIONS } from '@handoff/catalog';
import { parseFlags } from './cli';

export const PROJECTIONS_USAGE = `  cli projections status
  cli projections rebuild <name> [--wait <seconds>]
  cli projections skip <name> <event-id> [--by <who>]`;

export async function runProjectionsCommand(command: string | undefined, args: string[], out: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<number> {
  const config = loadConfig();
  const uri = config.mongodbUri ?? embeddedReadStoreUri(path.join(config.dataDir, 'readstore'), config.embeddedMongoDbPort);
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5_000 });
  try {
    const store = new ProjectionStore(client.db(databaseName({ mongodbUri: uri })));
    switch (command) {
      case 'status':
        return await status(store, out);
      case 'rebuild':
        return await rebuild(store, args, out);
      case 'skip':
        return await skip(store, args, out);
      default:
        throw new Error(`unknown projections command "${command ?? ''}"\nusage:\n${PROJECTIONS_USAGE}`);
    }
  } finally {
    await client.close();
  }
}

function definitionNamed(name: string | undefined): ProjectionDefinition<any> {
  const definition = PROJECTIONS.find((p) => p.name === name);
  if (!definition) throw new Error(`no projection named "${name ?? ''}"; known: ${PROJECTIONS.map((p) => p.name).join(', ')}`);
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

async function rebuild(store: ProjectionStore, args: string[], out: (line: string) => void): Promise<number> {
  const [name, ...rest] = args;
  const definition = definitionNamed(name);
  const waitSeconds = Number(parseFlags(rest, ['wait']).wait ?? '0');
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

async function skip(store: ProjectionStore, args: string[], out: (line: string) => void): Promise<number> {
  const [name, eventId, ...rest] = args;
  definitionNamed(name);
  if (!eventId) throw new Error(`usage:\n${PROJECTIONS_USAGE}`);
  const by = parseFlags(rest, ['by']).by ?? `cli:${process.env.USER ?? 'unknown'}`;
  const track = await store.requestSkip(name!, eventId, by);
  if (!track) {
    out(`refused: ${name} is not stopped on event ${eventId} (only the event a projection is stopped on can be skipped)`);
    return 1;
  }
  out(`skip of ${eventId} (${track.error?.eventType} at ${track.error?.position}) requested for ${name} generation ${track.generation}; the projector records it and goes on`);
  return 0;
}
