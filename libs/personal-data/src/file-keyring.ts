import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, linkSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import * as path from 'node:path';
import type { KeyEncryptionKey, KeyEncryptionKeys } from './key-encryption-keys';

const KEYRING = 'keyring.json';
const LOCK = 'rotation.lock';
const TEMP_SUFFIX = '.tmp';
/** Tells this process's locks from those of an earlier process that had the same pid (a container's pid 1). */
const PROCESS_TOKEN = randomUUID();

interface KeyringFile {
  version: 1;
  current: string;
  keys: { id: string; key: string; createdAt: string }[];
}

/**
 * Key-encryption keys in one JSON file (0600, in a 0700 directory), replaced whole on every change:
 * written to a temporary file, synced, renamed over the old one. Never appended to, so a retired
 * KEK is gone from the file the moment the rename lands (what remains on the disk's free blocks is
 * the file system's business: see ADR 0011).
 *
 * Processes sharing the directory see each other's changes: every use reads the (small) file again. Rotations are serialised by a lock
 * file holding the owner's pid; a lock whose owner is dead (SIGKILL) is taken over.
 */
export class FileKeyring implements KeyEncryptionKeys {
  private ring: KeyringFile | undefined;
  private seen = '';
  private holdsLock = false;

  constructor(
    private readonly dir: string,
    private readonly nowIso: () => string,
  ) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
    this.removeStaleTemporaries();
  }

  get file(): string {
    return path.join(this.dir, KEYRING);
  }

  async current(): Promise<KeyEncryptionKey> {
    const ring = this.read();
    return toKey(ring.keys.find((key) => key.id === ring.current)!);
  }

  async byId(id: string): Promise<KeyEncryptionKey | null> {
    const entry = this.read().keys.find((key) => key.id === id);
    return entry ? toKey(entry) : null;
  }

  async all(): Promise<KeyEncryptionKey[]> {
    const ring = this.read();
    return [...ring.keys].sort((a, b) => Number(b.id === ring.current) - Number(a.id === ring.current)).map(toKey);
  }

  async addCurrent(createdAt: string): Promise<KeyEncryptionKey> {
    this.assertLocked();
    const ring = this.read();
    const fresh = newEntry(createdAt);
    this.replace({ version: 1, current: fresh.id, keys: [...ring.keys, fresh] });
    return toKey(fresh);
  }

  async retireAllButCurrent(): Promise<void> {
    this.assertLocked();
    const ring = this.read();
    this.replace({ version: 1, current: ring.current, keys: ring.keys.filter((key) => key.id === ring.current) });
  }

  async withRotationLock<T>(task: () => Promise<T>): Promise<T | 'skipped'> {
    if (this.holdsLock || !this.takeLock()) return 'skipped';
    this.holdsLock = true;
    try {
      return await task();
    } finally {
      this.holdsLock = false;
      unlinkSync(path.join(this.dir, LOCK));
    }
  }

  private read(): KeyringFile {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.createFirst();
      return this.read();
    }
    // Compared by content, not by inode or mtime: a replaced file can reuse both within a clock tick.
    if (text !== this.seen || !this.ring) {
      this.ring = parse(text, this.file);
      this.seen = text;
    }
    return this.ring;
  }

  /** The first KEK, linked into place so two processes starting at once agree on one ring. */
  private createFirst(): void {
    const first = newEntry(this.nowIso());
    const temporary = this.writeTemporary({ version: 1, current: first.id, keys: [first] });
    try {
      linkSync(temporary, this.file);
      syncDirectory(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      unlinkSync(temporary);
    }
  }

  private replace(ring: KeyringFile): void {
    renameSync(this.writeTemporary(ring), this.file);
    syncDirectory(this.dir);
    this.ring = undefined;
  }

  private writeTemporary(ring: KeyringFile): string {
    const temporary = path.join(this.dir, `${KEYRING}.${process.pid}.${randomUUID()}${TEMP_SUFFIX}`);
    const fd = openSync(temporary, 'wx', 0o600);
    try {
      writeSync(fd, JSON.stringify(ring));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    return temporary;
  }

  /** A temporary left by a crash holds KEKs that may since have been retired: it must not outlive it. */
  private removeStaleTemporaries(): void {
    for (const name of readdirSync(this.dir)) {
      if (!name.startsWith(`${KEYRING}.`) || !name.endsWith(TEMP_SUFFIX)) continue;
      const pid = Number(name.split('.')[2]);
      if (pid === process.pid || !isAlive(pid)) unlinkSync(path.join(this.dir, name));
    }
  }

  private takeLock(): boolean {
    const lock = path.join(this.dir, LOCK);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(lock, 'wx', 0o600);
        writeSync(fd, `${process.pid} ${PROCESS_TOKEN}`);
        closeSync(fd);
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const [pid, token] = readFileSync(lock, 'utf8').split(' ');
        const owner = Number(pid);
        const alive = owner === process.pid ? token === PROCESS_TOKEN : isAlive(owner);
        if (alive) return false;
        unlinkSync(lock);
      }
    }
    return false;
  }

  private assertLocked(): void {
    if (!this.holdsLock) throw new Error('the keyring changes only inside withRotationLock');
  }
}

const newEntry = (createdAt: string) => ({ id: `kek-${randomUUID()}`, key: randomBytes(32).toString('base64'), createdAt });

const toKey = (entry: KeyringFile['keys'][number]): KeyEncryptionKey => ({ id: entry.id, material: Buffer.from(entry.key, 'base64'), createdAt: entry.createdAt });

function parse(text: string, file: string): KeyringFile {
  const ring = JSON.parse(text) as KeyringFile;
  if (ring.version !== 1 || !ring.keys.some((key) => key.id === ring.current)) throw new Error(`${file} is not a keyring this version reads`);
  return ring;
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function syncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
