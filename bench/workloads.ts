/**
 * The benchmark's workloads, run through the official client. Each one is bounded in count and
 * in time, and reports wall time plus the CPU the server and this (client) process spent on it.
 */
import { AppendExpectedRevision, AppendResult, EventStoreDBClient, jsonEvent, START } from '@eventstore/db-client';
import { percentile } from './percentile';
import { clientCpuMicros, processCpu } from './proc';

export interface Measured {
  events: number;
  operations: number;
  seconds: number;
  eventsPerSecond: number;
  operationsPerSecond: number;
  serverCpuMicrosPerEvent: number;
  /** The kernel's share of the server's CPU (syscalls: network, file writes). */
  serverSystemCpuMicrosPerEvent: number;
  clientCpuMicrosPerEvent: number;
  /** Per-operation latency, ms (appends only). */
  p50Ms?: number;
  p99Ms?: number;
  /** True when the time bound stopped the workload before its count. */
  truncated: boolean;
}

async function measure(serverPid: number, run: () => Promise<{ events: number; operations: number; truncated: boolean; latenciesMs?: number[] }>): Promise<Measured> {
  const serverBefore = processCpu(serverPid);
  const clientBefore = clientCpuMicros();
  const started = process.hrtime.bigint();
  const result = await run();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const serverAfter = processCpu(serverPid);
  const serverCpu = serverAfter.user + serverAfter.system - serverBefore.user - serverBefore.system;
  const serverSystemCpu = serverAfter.system - serverBefore.system;
  const clientCpu = clientCpuMicros() - clientBefore;
  const measured: Measured = {
    events: result.events,
    operations: result.operations,
    seconds,
    eventsPerSecond: result.events / seconds,
    operationsPerSecond: result.operations / seconds,
    serverCpuMicrosPerEvent: serverCpu / Math.max(1, result.events),
    serverSystemCpuMicrosPerEvent: serverSystemCpu / Math.max(1, result.events),
    clientCpuMicrosPerEvent: clientCpu / Math.max(1, result.events),
    truncated: result.truncated,
  };
  if (result.latenciesMs) {
    const sorted = Float64Array.from(result.latenciesMs).sort();
    measured.p50Ms = percentile(sorted, 50);
    measured.p99Ms = percentile(sorted, 99);
  }
  return measured;
}

let payloadCounter = 0;

function makeEvents(count: number, stream: string) {
  const events = [];
  for (let i = 0; i < count; i += 1) {
    payloadCounter += 1;
    events.push(
      jsonEvent({
        type: 'ParcelHandedOver',
        data: { parcelId: stream, seq: payloadCounter, from: 'courier-17', to: 'locker-4', at: '2026-01-01T12:00:00.000Z' },
        metadata: { correlationId: 'bench', actor: 'bench' },
      }),
    );
  }
  return events;
}

export interface AppendWorkload {
  name: string;
  writers: number;
  /** Total appends across all writers. */
  appends: number;
  eventsPerAppend: number;
  maxMs: number;
  /** 'exact': each writer appends to its own stream with the exact expected revision. */
  expected: 'exact' | 'any';
  recordLatency: boolean;
}

/**
 * `writers` concurrent loops, each appending to its own stream; stops after `appends` appends in
 * total or `maxMs`, whichever comes first. Every append is awaited: nothing is in flight after.
 */
export function runAppends(client: EventStoreDBClient, serverPid: number, workload: AppendWorkload): Promise<Measured> {
  return measure(serverPid, async () => {
    const deadline = Date.now() + workload.maxMs;
    const latencies: number[] = [];
    let issued = 0;
    let completed = 0;
    let truncated = false;
    const writer = async (index: number) => {
      const stream = `${workload.name}-${index}-${process.pid}`;
      let expected: AppendExpectedRevision = workload.expected === 'exact' ? 'no_stream' : 'any';
      for (;;) {
        if (issued >= workload.appends) return;
        if (Date.now() >= deadline) {
          truncated = true;
          return;
        }
        issued += 1;
        const events = makeEvents(workload.eventsPerAppend, stream);
        const started = workload.recordLatency ? process.hrtime.bigint() : 0n;
        const result: AppendResult = await client.appendToStream(stream, events, { expectedRevision: expected });
        if (workload.recordLatency) latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
        if (workload.expected === 'exact') expected = result.nextExpectedRevision;
        completed += 1;
      }
    };
    await Promise.all(Array.from({ length: workload.writers }, (_, i) => writer(i)));
    return {
      events: completed * workload.eventsPerAppend,
      operations: completed,
      truncated,
      latenciesMs: workload.recordLatency ? latencies : undefined,
    };
  });
}

/** Appends batches (expected revision `any`) until `target` events were appended by this call. */
export async function fill(client: EventStoreDBClient, serverPid: number, options: { events: number; batch: number; writers: number; maxMs: number; name: string }): Promise<Measured> {
  const appends = Math.ceil(options.events / options.batch);
  return runAppends(client, serverPid, {
    name: options.name,
    writers: options.writers,
    appends,
    eventsPerAppend: options.batch,
    maxMs: options.maxMs,
    expected: 'any',
    recordLatency: false,
  });
}

/** Reads $all forwards from the start, up to `events` events. */
export function runReadAll(client: EventStoreDBClient, serverPid: number, events: number, maxMs: number): Promise<Measured> {
  return measure(serverPid, async () => {
    const deadline = Date.now() + maxMs;
    let seen = 0;
    let truncated = false;
    for await (const resolved of client.readAll({ fromPosition: START, maxCount: events })) {
      if (resolved.event) seen += 1;
      if ((seen & 255) === 0 && Date.now() >= deadline) {
        truncated = true;
        break;
      }
    }
    return { events: seen, operations: 1, truncated };
  });
}

/** Subscribes to $all from the start and stops after `events` events (catch-up throughput). */
export function runSubscription(client: EventStoreDBClient, serverPid: number, events: number, maxMs: number): Promise<Measured> {
  return measure(serverPid, async () => {
    const deadline = Date.now() + maxMs;
    let seen = 0;
    let truncated = false;
    const subscription = client.subscribeToAll({ fromPosition: START });
    const timer = setTimeout(() => {
      truncated = true;
      // Ends the iteration below even if no further event arrives.
      subscription.destroy();
    }, maxMs);
    try {
      for await (const resolved of subscription) {
        if (resolved.event) seen += 1;
        if (seen >= events || Date.now() >= deadline) break;
      }
    } catch (error) {
      if (!truncated) throw error;
    } finally {
      clearTimeout(timer);
      await subscription.unsubscribe().catch(() => undefined);
    }
    if (seen < events) truncated = true;
    return { events: seen, operations: 1, truncated };
  });
}
