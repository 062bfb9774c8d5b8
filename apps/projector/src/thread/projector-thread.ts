/**
 * The all-in-one's projector on a worker thread: still one process, but the projections' reads,
 * handlers and writes run on their own event loop (and core) instead of queueing behind HTTP
 * requests on the API's. Nothing couples the two in memory: the API reads projection state
 * (checkpoints, status, read models) from MongoDB, as it does when the projector is deployed alone.
 *
 * Supervised: a thread that dies is started again with backoff (its leases expire and it takes
 * them back); `close()` stops it gracefully, releasing its leases, and terminates it if it hangs.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LoggerService } from '@nestjs/common';
import { PROJECTOR_THREAD_RESOURCE_LIMITS, type LogSink } from '@handoff/shared';
import { compiledPath } from '@handoff/shared/compiled-path';
import type { ProjectorThreadData, ProjectorThreadMessage } from './projector-thread.protocol';

export interface ProjectorThreadOptions {
  /** The environment of the thread's config, with both connection strings set. */
  env: Record<string, string | undefined>;
  cwd?: string;
  /** Where the thread's log lines go (the parent's own sink). */
  sink: LogSink;
  logger: LoggerService;
}

const STOP_TIMEOUT_MS = 15_000;
const RESTART_INITIAL_MS = 1_000;
const RESTART_MAX_MS = 30_000;
const CONTEXT = 'ProjectorThread';

/** The compiled worker entry: threads run JavaScript from dist/, also when the caller runs from sources. */
export function projectorWorkerFile(): string {
  return compiledPath(path.join(__dirname, `projector-thread.worker${path.extname(__filename)}`));
}

export class ProjectorThread {
  private worker?: Worker;
  private closing = false;
  private restarts = 0;
  private restartTimer?: NodeJS.Timeout;
  private readonly owner = `${hostname()}:${process.pid}:projector-thread:${randomUUID().slice(0, 8)}`;

  private constructor(private readonly options: ProjectorThreadOptions) {}

  /** Resolves once the thread's projector has started; rejects with its error if it cannot. */
  static async start(options: ProjectorThreadOptions): Promise<ProjectorThread> {
    const thread = new ProjectorThread(options);
    await thread.spawn();
    return thread;
  }

  get threadId(): number | undefined {
    return this.worker?.threadId;
  }

  private spawn(): Promise<void> {
    const workerData: ProjectorThreadData = { env: this.options.env, cwd: this.options.cwd ?? process.cwd(), owner: this.owner };
    const worker = new Worker(projectorWorkerFile(), { workerData, resourceLimits: { ...PROJECTOR_THREAD_RESOURCE_LIMITS } });
    this.worker = worker;
    return new Promise<void>((resolve, reject) => {
      let started = false;
      worker.on('message', (message: ProjectorThreadMessage) => {
        if (message.kind === 'log') this.options.sink(message.line);
        else if (message.kind === 'started') {
          started = true;
          this.restarts = 0;
          resolve();
        } else if (message.kind === 'failed' && !started) {
          void worker.terminate();
          reject(new Error(`the projector thread did not start: ${message.error}`));
        } else if (message.kind === 'failed') this.options.logger.error({ msg: 'projector thread failed', err: message.error }, CONTEXT);
      });
      worker.on('error', (error) => {
        if (!started) reject(error);
        else this.options.logger.error({ msg: 'projector thread crashed', err: error.message, stack: error.stack }, CONTEXT);
      });
      worker.on('exit', (code) => {
        if (this.worker !== worker) return;
        this.worker = undefined;
        if (!started) return reject(new Error(`the projector thread exited with code ${code} before starting`));
        if (!this.closing) this.scheduleRestart(code);
      });
    });
  }

  private scheduleRestart(code: number): void {
    const delay = Math.min(RESTART_MAX_MS, RESTART_INITIAL_MS * 2 ** Math.min(10, this.restarts++));
    this.options.logger.error({ msg: 'projector thread exited; starting it again', code, inMs: delay }, CONTEXT);
    this.restartTimer = setTimeout(() => {
      if (this.closing) return;
      this.spawn().catch((error: unknown) => {
        this.options.logger.error({ msg: 'projector thread did not start again', err: error instanceof Error ? error.message : String(error) }, CONTEXT);
        if (!this.closing && !this.worker) this.scheduleRestart(-1);
      });
    }, delay);
  }

  /** Abrupt stop of the current thread, as a crash would (tests): the supervisor starts another. */
  async crash(): Promise<void> {
    await this.worker?.terminate();
  }

  /** Stops the projections (leases released), then the thread. */
  async close(): Promise<void> {
    this.closing = true;
    clearTimeout(this.restartTimer);
    const worker = this.worker;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    const stopped = new Promise<void>((resolve) => {
      worker.on('message', (message: ProjectorThreadMessage) => {
        if (message.kind === 'stopped' || message.kind === 'failed') resolve();
      });
    });
    worker.postMessage({ kind: 'stop' });
    const timer = new Promise<void>((resolve) => setTimeout(resolve, STOP_TIMEOUT_MS).unref());
    await Promise.race([stopped, exited, timer]);
    await worker.terminate();
    await exited;
  }
}
