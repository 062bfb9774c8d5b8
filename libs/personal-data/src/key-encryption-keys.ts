/** A key-encryption key (KEK): wraps subject keys; never stored in the database it protects. */
export interface KeyEncryptionKey {
  id: string;
  material: Uint8Array;
  createdAt: string;
}

/**
 * Port: where key-encryption keys live, outside the database that holds the wrapped subject keys
 * (a 0600 keyring file first; a KMS would be another implementation). Destroying a KEK makes every
 * copy of what it wrapped unreadable, wherever that copy survived (freed pages, journal, oplog).
 *
 * Mutations (add, retire) happen only inside `withRotationLock`, so one rotation runs at a time
 * among the processes sharing the keys; reads notice another process's changes.
 */
export interface KeyEncryptionKeys {
  /** The KEK new wraps use. */
  current(): Promise<KeyEncryptionKey>;
  /** A KEK by id, or null once destroyed. */
  byId(id: string): Promise<KeyEncryptionKey | null>;
  /** Every KEK still held, the current one first. */
  all(): Promise<KeyEncryptionKey[]>;
  /** Makes a fresh KEK current, keeping the others: what they wrapped still unwraps. */
  addCurrent(createdAt: string): Promise<KeyEncryptionKey>;
  /** Destroys every KEK but the current one. */
  retireAllButCurrent(): Promise<void>;
  /** Runs `task` while no other process rotates; answers `skipped` when one already does. */
  withRotationLock<T>(task: () => Promise<T>): Promise<T | 'skipped'>;
}

export const KEY_ENCRYPTION_KEYS = Symbol('KEY_ENCRYPTION_KEYS');
