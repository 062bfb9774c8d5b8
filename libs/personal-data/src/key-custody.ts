import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { KeyRotation } from './key-rotation';

/**
 * Keeps the erasure bound (ADR 0011): at start, wraps keys left in clear by older versions and
 * finishes an interrupted rotation; then every half bound, rotates the KEK when an erasure
 * happened since the current KEK was made (so an erased key's stale copies stop unwrapping within
 * the bound), or when the KEK is older than the rotation interval. Erasures in one half bound share
 * one rotation. What is due is read from the stores, so a restart keeps the promise.
 */
export class KeyCustody implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('KeyCustody');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly rotation: KeyRotation,
    private readonly options: { erasureBoundSeconds: number; kekRotationIntervalSeconds: number },
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.rotation.prepare();
    const migrated = await this.rotation.migrateClearKeys();
    if (migrated > 0) this.logger.warn({ msg: 'subject keys stored in clear were wrapped; copies in old pages or backups are beyond reach (ADR 0011)', migrated });
    await this.tick();
    this.timer = setInterval(() => void this.tick(), (this.options.erasureBoundSeconds * 1000) / 2);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Rotates if due; never throws (a failed rotation keeps every KEK and is retried at the next tick). */
  tick(): Promise<void> {
    this.running = this.running.then(async () => {
      try {
        const reason = await this.rotation.due(this.options.kekRotationIntervalSeconds * 1000);
        if (!reason) return;
        const outcome = await this.rotation.rotate();
        if (outcome !== 'skipped') this.logger.log({ msg: 'key-encryption key rotated', reason, ...outcome });
      } catch (error) {
        this.logger.error({ msg: 'key-encryption key rotation failed; retried at the next tick', error: (error as Error).message });
      }
    });
    return this.running;
  }
}
