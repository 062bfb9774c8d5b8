import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CLOCK, Clock } from '@handoff/shared';
import { ApiKeyStore } from '@handoff/shared/auth';

export const BOOTSTRAP_ADMIN_ID = 'admin';

/** Where the one-time key goes: the process log on stdout unless a test captures it. */
export const BOOTSTRAP_KEY_SINK = Symbol('BOOTSTRAP_KEY_SINK');
export type BootstrapKeySink = (apiKey: string) => void;

export const BOOTSTRAP_KEY_MESSAGE = 'bootstrap admin API key issued: shown once, store it now';

/** Stdout carries only JSON log lines (operators parse them), so the key is one such line, with its own message. */
export const logBootstrapKey: BootstrapKeySink = (apiKey) => new Logger('Auth').warn({ msg: BOOTSTRAP_KEY_MESSAGE, apiKey, header: `Authorization: Bearer ${apiKey}` });

/**
 * At the first start of an empty key store, issues an admin key and prints it once.
 * Later starts print nothing; a lost admin key is replaced by another admin issuing one.
 */
@Injectable()
export class BootstrapAdminKey implements OnApplicationBootstrap {
  constructor(
    @Inject(ApiKeyStore) private readonly keys: ApiKeyStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(BOOTSTRAP_KEY_SINK) private readonly sink: BootstrapKeySink,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!(await this.keys.isEmpty())) return;
    const { apiKey } = await this.keys.issue({ role: 'admin', participantId: BOOTSTRAP_ADMIN_ID }, 'bootstrap', this.clock.nowIso());
    this.sink(apiKey);
  }
}
