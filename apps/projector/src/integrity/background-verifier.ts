/**
 * Verifies the event store's hash chains in the background (ADR 0012), like a projection:
 * incrementally from a checkpoint in MongoDB (each new event's own hash, its link to its stream's
 * previous event, contiguous revisions; per-stream heads kept in `integrity_stream_heads`), and a
 * full pass from the start of `$all` on a schedule, which is what notices an event altered after
 * it was verified. One process at a time runs it, under a lease. Every finding is raised on the
 * IntegrityAlarm (an error log, and a document in `integrity_findings` that /health reads).
 */
import { Logger } from '@nestjs/common';
import type { EventStoreDBClient, Position } from '@eventstore/db-client';
import {
  BACKGROUND_STATUS_ID,
  clearFindingsNotSeenSince,
  FullPassRecord,
  IntegrityAlarm,
  IntegrityFinding,
  MemoryHeadStore,
  MongoHeadStore,
  STATUS,
  verifyAll,
  VerificationStatusRecord,
  WriteBackHeadStore,
} from '@handoff/eventstore';
import { LeaseStore } from '@handoff/projections';
import type { Collection, Db } from 'mongodb';

export interface BackgroundVerifierOptions {
  db: Db;
  client: EventStoreDBClient;
  alarm: IntegrityAlarm;
  owner: string;
  /** How long to wait for new events once caught up. */
  pollMs?: number;
  /** How often a full pass runs (from the end of the last one). */
  fullPassIntervalMs: number;
  pageSize?: number;
  /** How often heads and checkpoint are written while verifying (CHECKPOINT_EVERY_MS by default). */
  checkpointEveryMs?: number;
}

export const INTEGRITY_LEASE = 'integrity-verifier';
/** A crash re-verifies at most this much of the log; under load it bounds writes to one per active stream per period. */
const CHECKPOINT_EVERY_MS = 5_000;
const LEASE_TTL_MS = 30_000;

export class BackgroundVerifier {
  private readonly logger = new Logger('IntegrityVerifier');
  private readonly status: Collection<VerificationStatusRecord>;
  private readonly leases: LeaseStore;
  /** The incremental pass's heads: kept between catch-ups, written back with each checkpoint. */
  private readonly heads: WriteBackHeadStore;
  /** The checkpoint this process last wrote (undefined: none yet). */
  private lastCheckpoint?: string | null;
  private stopped = false;
  private running?: Promise<void>;
  private wake?: () => void;

  constructor(private readonly options: BackgroundVerifierOptions) {
    this.status = options.db.collection<VerificationStatusRecord>(STATUS);
    this.leases = new LeaseStore(options.db);
    this.heads = new WriteBackHeadStore(new MongoHeadStore(options.db));
  }

  start(): void {
    this.running ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.running;
    await this.leases.release(INTEGRITY_LEASE, this.options.owner).catch(() => undefined);
  }

  /**
   * Verifies what was appended since the checkpoint, to the end of `$all`. Findings are raised at
   * once; heads and the checkpoint are written together every CHECKPOINT_EVERY_MS (and at the end),
   * never a checkpoint ahead of the heads it needs.
   */
  async catchUp(): Promise<IntegrityFinding[]> {
    const current = await this.status.findOne({ _id: BACKGROUND_STATUS_ID });
    const before = current?.eventsVerified ?? 0;
    const heads = this.heads;
    // Another process verified since this one last wrote (it held the lease meanwhile): its heads are the truth.
    if ((current?.checkpoint ?? null) !== this.lastCheckpoint) heads.forget();
    let saved = Date.now();
    let progressed: { checkpoint: string | null; eventsVerified: number } | undefined;
    const checkpoint = async () => {
      if (!progressed) return;
      await heads.flush();
      await this.saveStatus(progressed);
      this.lastCheckpoint = progressed.checkpoint;
      progressed = undefined;
      saved = Date.now();
    };
    try {
      const result = await verifyAll(this.options.client, {
        heads,
        after: current?.checkpoint ? parseCheckpoint(current.checkpoint) : undefined,
        pageSize: this.options.pageSize,
        onPage: async (findings, progress) => {
          for (const finding of findings) await this.options.alarm.raise(finding, 'background');
          progressed = { checkpoint: progress.through ? formatCheckpoint(progress.through) : null, eventsVerified: before + progress.events };
          if (Date.now() - saved >= (this.options.checkpointEveryMs ?? CHECKPOINT_EVERY_MS)) await checkpoint();
        },
      });
      await checkpoint();
      return result.findings;
    } catch (error) {
      // Heads in memory may be ahead of the checkpoint in MongoDB: start again from what is stored.
      heads.forget();
      throw error;
    }
  }

  /** Verifies every stream from the start of `$all`; findings no longer seen are cleared. */
  async fullPass(): Promise<IntegrityFinding[]> {
    const pass: FullPassRecord = { startedAt: new Date(), finishedAt: null, events: 0, streams: 0, findings: 0 };
    this.logger.log({ msg: 'full verification pass started' });
    const heads = new MemoryHeadStore();
    const result = await verifyAll(this.options.client, {
      heads,
      pageSize: this.options.pageSize,
      onPage: async (findings, progress) => {
        for (const finding of findings) await this.options.alarm.raise(finding, 'full-pass');
        pass.events = progress.events;
        pass.streams = heads.heads.size;
        pass.findings += findings.length;
        await this.saveStatus({ currentFullPass: pass });
      },
    });
    const finished: FullPassRecord = { ...pass, events: result.events, streams: heads.heads.size, findings: result.findings.length, finishedAt: new Date() };
    await this.saveStatus({ lastFullPass: finished, currentFullPass: null });
    await clearFindingsNotSeenSince(this.options.db, pass.startedAt);
    if (result.findings.length > 0) this.logger.error({ msg: 'full verification pass found tampered streams', events: result.events, findings: result.findings.length });
    else this.logger.log({ msg: 'full verification pass found every chain intact', events: result.events });
    return result.findings;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        if (await this.leases.acquire(INTEGRITY_LEASE, this.options.owner, LEASE_TTL_MS)) {
          if (await this.fullPassDue()) await this.fullPass();
          await this.catchUp();
        }
        failures = 0;
        await this.sleep(this.options.pollMs ?? 1_000);
      } catch (error) {
        if (this.stopped) break;
        failures++;
        this.logger.warn({ msg: 'verification failed; retrying', error: error instanceof Error ? error.message : String(error), attempt: failures });
        await this.sleep(Math.min(30_000, 500 * 2 ** failures));
      }
    }
  }

  private async fullPassDue(): Promise<boolean> {
    const status = await this.status.findOne({ _id: BACKGROUND_STATUS_ID });
    const last = status?.lastFullPass?.finishedAt;
    return !last || Date.now() - last.getTime() >= this.options.fullPassIntervalMs;
  }

  private async saveStatus(fields: Partial<Omit<VerificationStatusRecord, '_id'>>): Promise<void> {
    await this.status.updateOne({ _id: BACKGROUND_STATUS_ID }, { $set: { ...fields, owner: this.options.owner, updatedAt: new Date() } }, { upsert: true });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.stopped) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

const formatCheckpoint = (position: Position): string => `${position.commit}:${position.prepare}`;
const parseCheckpoint = (text: string): Position => {
  const [commit, prepare] = text.split(':');
  return { commit: BigInt(commit!), prepare: BigInt(prepare ?? commit!) };
};
