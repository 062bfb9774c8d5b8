/**
 * Runs one projection in this process while it holds the projection's lease: keeps the tracks
 * that should run (the active generation; a pending one being rebuilt) running, switches readers
 * to a pending generation once it has caught up, and drops retired generations after their grace.
 *
 * The lease is per version (`<name>@v<version>`): during a rolling deploy the old version keeps its
 * generation current while the new version builds its own, then takes over readers.
 */
import { Logger } from '@nestjs/common';
import type { UpcasterRegistry } from '@handoff/eventstore';
import type { Db } from 'mongodb';
import type { ProjectionDefinition } from '../definition/projection-definition';
import { LeaseStore } from '../store/lease-store';
import { ProjectionStore } from '../store/projection-store';
import { Generation, leaseId, RegistryRecord } from '../store/records';
import type { EventFeed } from './event-feed/event-feed';
import { ProjectionTrack } from './projection-track';
import { RuntimeTuning } from './tuning';

export interface RunnerDependencies {
  definition: ProjectionDefinition<any>;
  store: ProjectionStore;
  leases: LeaseStore;
  db: Db;
  feed: EventFeed;
  upcasters: UpcasterRegistry;
  owner: string;
  tuning: RuntimeTuning;
}

export class ProjectionRunner {
  private readonly logger: Logger;
  private readonly leaseKey: string;
  private readonly tracks = new Map<number, ProjectionTrack>();
  private stopped = false;
  private holding = false;
  private lastRenewal = 0;
  private timer?: NodeJS.Timeout;
  private ticking?: Promise<void>;

  constructor(private readonly deps: RunnerDependencies) {
    this.logger = new Logger(`Projection ${deps.definition.name}`);
    this.leaseKey = leaseId(deps.definition.name, deps.definition.version);
  }

  get name(): string {
    return this.deps.definition.name;
  }

  /** True while this process holds the lease (for status and tests). */
  get holdsLease(): boolean {
    return this.holding;
  }

  start(): void {
    this.schedule(0);
  }

  /** Stops the tracks and gives the lease up so another process can take over at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.ticking;
    await this.stopTracks();
    if (this.holding) await this.deps.leases.release(this.leaseKey, this.deps.owner).catch(() => undefined);
    this.holding = false;
  }

  /** Stops without releasing the lease or writing anything: what a crash looks like to others. */
  async abandon(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.ticking;
    await this.stopTracks();
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (this.ticking) return; // the tick in progress schedules the next one
      this.ticking = this.tick()
        .catch((error: unknown) => this.logger.warn({ msg: 'projection supervision failed; retrying', owner: this.deps.owner, error: error instanceof Error ? error.message : String(error) }))
        .finally(() => {
          this.ticking = undefined;
          this.schedule(this.deps.tuning.superviseEveryMs);
        });
    }, ms);
  }

  private async tick(): Promise<void> {
    const { tuning } = this.deps;
    if (!this.holding || Date.now() - this.lastRenewal >= tuning.leaseTtlMs / 3) {
      const held = await this.deps.leases.acquire(this.leaseKey, this.deps.owner, tuning.leaseTtlMs);
      if (held !== this.holding) this.logger.log({ msg: held ? 'lease acquired' : 'lease lost', lease: this.leaseKey, owner: this.deps.owner });
      this.holding = held;
      if (held) this.lastRenewal = Date.now();
    }
    if (this.stopped) return;
    if (!this.holding) return this.stopTracks();
    const registry = await this.plan(await this.deps.store.ensureRegistered(this.deps.definition));
    await this.reconcile(this.wantedGenerations(registry));
    await this.deps.store.dropRetired(this.name);
  }

  /** A newer version of the code than the active generation's asks for its own generation. */
  private async plan(registry: RegistryRecord): Promise<RegistryRecord> {
    const { version } = this.deps.definition;
    if (registry.active.version < version && registry.pending?.version !== version) {
      const pending = await this.deps.store.requestRebuild(this.deps.definition, 'version', this.deps.owner);
      this.logger.log({ msg: 'new projection version: building a fresh generation from the start', version, generation: pending.generation });
      return (await this.deps.store.findRegistry(this.name))!;
    }
    return registry;
  }

  private wantedGenerations(registry: RegistryRecord): Generation[] {
    const { version } = this.deps.definition;
    const wanted: Generation[] = [];
    if (registry.active.version === version) wanted.push(registry.active);
    if (registry.pending?.version === version) wanted.push(registry.pending);
    return wanted;
  }

  private async reconcile(wanted: Generation[]): Promise<void> {
    const keep = new Set(wanted.map((g) => g.generation));
    for (const [generation, track] of [...this.tracks]) {
      if (keep.has(generation)) continue;
      this.tracks.delete(generation);
      await track.stop();
    }
    for (const generation of wanted) {
      if (this.tracks.has(generation.generation) || this.stopped) continue;
      const track = new ProjectionTrack({ ...this.deps, generation, onCaughtUp: () => this.switchIfPending(generation.generation) });
      this.tracks.set(generation.generation, track);
      track.start();
    }
  }

  private async switchIfPending(generation: number): Promise<void> {
    if (await this.deps.store.switchToPending(this.name, generation)) {
      this.logger.log({ msg: 'rebuilt generation caught up: readers switched to it', generation });
      this.schedule(0); // stop the old track now rather than at the next tick
    }
  }

  private async stopTracks(): Promise<void> {
    const tracks = [...this.tracks.values()];
    this.tracks.clear();
    await Promise.all(tracks.map((track) => track.stop()));
  }
}
