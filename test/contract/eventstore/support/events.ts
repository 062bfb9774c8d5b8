/** Small helpers shared by the contract specs: unique names, event factories, bounded waits. */
import { randomUUID } from 'node:crypto';
import { AllStreamResolvedEvent, EventData, EventStoreDBClient, jsonEvent, Position, ReadStreamOptions, ResolvedEvent, StreamSubscription, AllStreamSubscription } from '@eventstore/db-client';

export const uuid = (): string => randomUUID();

/** A stream name no other test (or other run against a shared server) will use. */
export const uniqueStream = (label = 'contract'): string => `contract-${label}-${uuid().replace(/-/g, '')}`;

export const testEvent = (type = 'ContractTested', data: Record<string, unknown> = {}, id = uuid()): EventData => jsonEvent({ id, type, data: { ...data } });

export const testEvents = (count: number, type = 'ContractTested', extra: Record<string, unknown> = {}): EventData[] => Array.from({ length: count }, (_, i) => testEvent(type, { i, ...extra }));

export async function readStreamEvents(client: EventStoreDBClient, streamName: string, options: ReadStreamOptions = {}): Promise<ResolvedEvent[]> {
  const events: ResolvedEvent[] = [];
  const read = client.readStream(streamName, options);
  const reading = (async () => {
    for await (const resolved of read) events.push(resolved);
    return events;
  })();
  return bounded(reading, 5_000, `readStream(${streamName})`, () => void read.cancel().catch(() => undefined));
}

/** Rejects if `promise` does not settle within `ms` (so a hanging server call fails one test, not the run). */
export async function bounded<T>(promise: Promise<T>, ms: number, what: string, onTimeout?: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout?.();
      reject(new Error(`${what} did not finish within ${ms} ms`));
    }, ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Reads a stream, returning [] when it does not exist. */
export async function readStreamOrEmpty(client: EventStoreDBClient, streamName: string): Promise<ResolvedEvent[]> {
  try {
    return await readStreamEvents(client, streamName);
  } catch (error) {
    if ((error as { type?: string }).type === 'stream-not-found') return [];
    throw error;
  }
}

/** Returns the rejection of a promise (fails if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    const value = await promise;
    throw new Error(`expected a rejection, got ${stringify(value)}`);
  } catch (error) {
    return error;
  }
}

export const comparePositions = (a: Position, b: Position): number => (a.commit === b.commit ? (a.prepare === b.prepare ? 0 : a.prepare < b.prepare ? -1 : 1) : a.commit < b.commit ? -1 : 1);

export function expectStrictlyIncreasing(positions: Position[]): void {
  for (let i = 1; i < positions.length; i++) {
    if (comparePositions(positions[i - 1], positions[i]) >= 0) {
      throw new Error(`positions not strictly increasing at ${i}: ${stringify(positions[i - 1])} then ${stringify(positions[i])}`);
    }
  }
}

export function stringify(value: unknown): string {
  return JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? `${v}n` : v));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `condition` until true, at most `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

type AnySubscription = StreamSubscription | AllStreamSubscription;

export interface Recorder<E> {
  events: E[];
  caughtUp: number[];
  checkpoints: Position[];
  confirmed: boolean;
  errors: unknown[];
}

/** Records everything a subscription emits: events, the index at which caughtUp arrived, errors. */
export function record<E extends ResolvedEvent | AllStreamResolvedEvent>(subscription: AnySubscription): Recorder<E> {
  const recorder: Recorder<E> = { events: [], caughtUp: [], checkpoints: [], confirmed: false, errors: [] };
  (subscription as unknown as NodeJS.EventEmitter).on('data', (event: E) => recorder.events.push(event));
  subscription.on('caughtUp', () => recorder.caughtUp.push(recorder.events.length));
  subscription.on('confirmation', () => (recorder.confirmed = true));
  subscription.on('error', (error: Error) => recorder.errors.push(error));
  return recorder;
}

/** Waits until the server confirmed the subscription (ESDB sends a confirmation first). */
export async function confirmed(recorder: Recorder<unknown>, timeoutMs = 5_000): Promise<void> {
  await waitFor(() => recorder.confirmed || recorder.errors.length > 0, timeoutMs, 'subscription confirmation');
  if (recorder.errors.length) throw recorder.errors[0];
}
