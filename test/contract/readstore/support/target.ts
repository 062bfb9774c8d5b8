/**
 * The store the MongoDB contract suite runs against.
 *
 * - MONGODB_URI set: a real MongoDB (7.0; standalone or single-node replica set).
 * - otherwise: Handoff's embedded server, started as its own process on a fresh temp data dir.
 *
 * Every test file works in its own uniquely named database, so files can share one real server.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Db, MongoClient } from 'mongodb';
import { EmbeddedReadStoreHandle, startEmbeddedReadStore } from '@handoff/readstore/embedded/launch';

export interface ContractTarget {
  readonly embedded: boolean;
  readonly uri: string;
  readonly client: MongoClient;
  /** This file's database (unique name). */
  readonly db: Db;
  /** Embedded only: graceful stop, then start again on the same data dir; reconnects. */
  restart(): Promise<void>;
  /** Embedded only: SIGKILL the server process. */
  kill(): Promise<void>;
  /** Embedded only: start again on the same data dir after kill(); reconnects. */
  start(): Promise<void>;
  /** Drops the file's database (real server), closes the client, stops the server, removes the data dir. */
  close(): Promise<void>;
}

export const isEmbeddedTarget = !process.env.MONGODB_URI;

export const uniqueName = (label: string): string => `contract_${label}_${randomBytes(5).toString('hex')}`;

const connect = async (uri: string) => {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5_000, directConnection: true });
  await client.connect();
  return client;
};

export async function createTarget(label: string): Promise<ContractTarget> {
  const dbName = uniqueName(label);
  const external = process.env.MONGODB_URI;
  if (external) {
    const client = await connect(external);
    const unsupported = async () => {
      throw new Error('process control is only available against the embedded server');
    };
    return {
      embedded: false,
      uri: external,
      client,
      db: client.db(dbName),
      restart: unsupported,
      kill: unsupported,
      start: unsupported,
      async close() {
        await client
          .db(dbName)
          .dropDatabase()
          .catch(() => undefined);
        await client.close();
      },
    };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'handoff-rs-contract-'));
  let handle: EmbeddedReadStoreHandle | undefined = await startEmbeddedReadStore({ dataDir, port: 0 });
  let client = await connect(handle.uri);
  const reconnect = async () => {
    await client.close(true).catch(() => undefined);
    client = await connect(handle!.uri);
  };
  return {
    embedded: true,
    get uri() {
      return handle!.uri;
    },
    get client() {
      return client;
    },
    get db() {
      return client.db(dbName);
    },
    async restart() {
      await client.close(true).catch(() => undefined);
      await handle?.close();
      handle = await startEmbeddedReadStore({ dataDir, port: 0 });
      await reconnect();
    },
    async kill() {
      await handle?.kill('SIGKILL');
      handle = undefined;
    },
    async start() {
      handle = await startEmbeddedReadStore({ dataDir, port: 0 });
      await reconnect();
    },
    async close() {
      await client.close(true).catch(() => undefined);
      await handle?.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The rejection of a promise (fails the test if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<any> {
  try {
    const value = await promise;
    throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
  } catch (error) {
    return error;
  }
}
