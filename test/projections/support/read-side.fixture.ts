import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { EventStoreDBClient } from '@eventstore/db-client';
import { headOf, sealedEvents, UpcasterRegistry } from '@handoff/eventstore';
import { EmbeddedReadStoreHandle, startEmbeddedReadStore } from '@handoff/readstore';
import { Db, Document, MongoClient } from 'mongodb';
import { startTestEventStore, TestEventStore } from '../../support/embedded-event-store.fixture';

export interface TestReadStore {
  uri: string;
  server: EmbeddedReadStoreHandle;
  dispose(): Promise<void>;
}

/** A real embedded MongoDB-compatible server on a fresh temp dir and a free port (needs dist/). */
export async function startTestReadStore(): Promise<TestReadStore> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'handoff-rs-'));
  const server = await startEmbeddedReadStore({ dataDir: path.join(dataDir, 'readstore'), port: 0 });
  return {
    uri: server.uri,
    server,
    dispose: async () => {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Both embedded servers and one client of each, as a projector process holds them. */
export interface ReadSide {
  eventStore: TestEventStore;
  readStore: TestReadStore;
  client: EventStoreDBClient;
  mongo: MongoClient;
  db: Db;
  upcasters: UpcasterRegistry;
  dispose(): Promise<void>;
}

export async function startReadSide(database = 'handoff'): Promise<ReadSide> {
  const [eventStore, readStore] = await Promise.all([startTestEventStore(), startTestReadStore()]);
  const client = EventStoreDBClient.connectionString(eventStore.connectionString);
  const mongo = new MongoClient(readStore.uri);
  return {
    eventStore,
    readStore,
    client,
    mongo,
    db: mongo.db(database),
    upcasters: new UpcasterRegistry(),
    dispose: async () => {
      await mongo.close().catch(() => undefined);
      await client.dispose().catch(() => undefined);
      await Promise.all([eventStore.dispose(), readStore.dispose()]);
    },
  };
}

/**
 * Appends test events (no Handoff metadata but their hash-chain links, as projections verify
 * them: read back as schema version 1, unless an event's `metadata` says otherwise), `perAppend` at a time.
 */
export async function appendEvents(
  client: EventStoreDBClient,
  events: { stream: string; type: string; data: Record<string, unknown>; metadata?: Record<string, unknown> }[],
  perAppend = 100,
): Promise<{ commit: bigint; prepare: bigint }> {
  let last: { commit: bigint; prepare: bigint } | undefined;
  const byStream = new Map<string, typeof events>();
  // keep order within each stream; streams are appended one chunk at a time, in first-seen order
  for (const event of events) byStream.set(event.stream, [...(byStream.get(event.stream) ?? []), event]);
  for (const [stream, list] of byStream) {
    let head: string | null = null;
    for (let i = 0; i < list.length; i += perAppend) {
      const sealed = sealedEvents(
        stream,
        list.slice(i, i + perAppend).map((e) => ({ type: e.type, data: e.data, metadata: e.metadata ?? {} })),
        head,
      );
      head = headOf(sealed);
      const result = await client.appendToStream(stream, sealed);
      if (result.position && (!last || result.position.commit > last.commit)) last = result.position;
    }
  }
  return last!;
}

/** Every document of every collection whose name starts with one of `prefixes`, sorted by _id, keyed by logical name. */
export async function snapshot(db: Db, collections: Record<string, string>): Promise<Record<string, Document[]>> {
  const out: Record<string, Document[]> = {};
  for (const [logical, physical] of Object.entries(collections)) {
    out[logical] = await db.collection(physical).find({}).sort({ _id: 1 }).toArray();
  }
  return out;
}

export async function waitUntil<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 20_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
