import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ApiKeyStore } from '@handoff/shared/auth';

export const BOOTSTRAP_ADMIN_ID = 'admin';
/** `issuedBy` of a key the API issued itself. */
export const BOOTSTRAP_ISSUER = 'bootstrap';

/** Where the one-time key goes: the process log on stdout unless a test captures it. */
export const BOOTSTRAP_KEY_SINK = Symbol('BOOTSTRAP_KEY_SINK');
export type BootstrapKeySink = (apiKey: string) => void;

export const BOOTSTRAP_KEY_MESSAGE = 'bootstrap admin API key issued: shown once, store it now';

/** Stdout carries only JSON log lines (operators parse them), so the key is one such line, with its own message. */
export const logBootstrapKey: BootstrapKeySink = (apiKey) => new Logger('Auth').warn({ msg: BOOTSTRAP_KEY_MESSAGE, apiKey, header: `Authorization: Bearer ${apiKey}` });

/**
 * At start, when no admin key works (the first start of an empty store; or every admin key was
 * revoked, expired or rotated away), issues an admin key and prints it once. Restarting the API is
 * thus the recovery path for an operator locked out (the API itself refuses to revoke the last
 * usable admin key); whoever can restart it and read its log is the operator. Otherwise prints nothing.
 */
@Injectable()
export class BootstrapAdminKey implements OnApplicationBootstrap {
  constructor(
    @Inject(ApiKeyStore) private readonly keys: ApiKeyStore,
    @Inject(BOOTSTRAP_KEY_SINK) private readonly sink: BootstrapKeySink,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!(await this.keys.lacksUsableAdmin())) return;
    const { apiKey } = await this.keys.issue({ role: 'admin', participantId: BOOTSTRAP_ADMIN_ID }, BOOTSTRAP_ISSUER);
    this.sink(apiKey);
  }
}
