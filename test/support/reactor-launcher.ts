import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { TestingModule } from '@nestjs/testing';
import { MongoClient } from 'mongodb';
import { startTestReadStore } from '../custody/support/embedded-read-store.fixture';
import { startTestEventStore, type TestEventStore } from './embedded-event-store.fixture';
import { eventStoreTestingModule } from './event-store-testing-module';

/**
 * Starts a reactor process for the kill tests (test/support/*-reactor-process.ts, built to dist/)
 * on the given stores, resolving once it says it started. Any exit but the test's own SIGKILL fails
 * the start, with the end of its stderr. `children` collects it, for afterAll to kill.
 */
export function launchReactor(script: string, env: { eventStore: string; mongoUri: string; db: string; owner: string }, children: ChildProcess[]): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], {
      env: { ...process.env, EVENTSTORE_CONNECTION_STRING: env.eventStore, MONGODB_URI: env.mongoUri, REACTOR_DB: env.db, REACTOR_OWNER: env.owner, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('"reactor started"')) resolve(child);
    });
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`reactor exited (${code ?? signal}) before it was killed: ${stderr.slice(-2_000)}`));
    });
  });
}

/** Lets a started reactor work for `ms`, then kills it with SIGKILL and waits for it to be gone. */
export async function killAfter(child: ChildProcess, ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
}

/**
 * For a kill test's describe block: an embedded event store and read store, a testing module on the
 * event store, a MongoDB client, and `startReactor(owner)` launching `script` on them; all closed
 * (and every reactor killed) after the tests. Read the fields inside tests (set in beforeAll).
 */
export function useReactorHarness(script: string, dbPrefix: string) {
  const harness = {
    dbName: `${dbPrefix}-${randomUUID().slice(0, 8)}`,
    children: [] as ChildProcess[],
  } as {
    dbName: string;
    children: ChildProcess[];
    eventStore: TestEventStore;
    readStore: { uri: string; dispose(): Promise<void> };
    module: TestingModule;
    mongo: MongoClient;
    startReactor(owner: string): Promise<ChildProcess>;
  };
  harness.startReactor = (owner) => launchReactor(script, { eventStore: harness.eventStore.connectionString, mongoUri: harness.readStore.uri, db: harness.dbName, owner }, harness.children);
  beforeAll(async () => {
    harness.eventStore = await startTestEventStore();
    harness.readStore = await startTestReadStore();
    ({ module: harness.module } = await eventStoreTestingModule(harness.eventStore.connectionString));
    harness.mongo = await new MongoClient(harness.readStore.uri).connect();
  });
  afterAll(async () => {
    for (const child of harness.children) child.kill('SIGKILL');
    await harness.mongo?.close();
    await harness.module?.close();
    await harness.readStore?.dispose();
    await harness.eventStore?.dispose();
  });
  return harness;
}
