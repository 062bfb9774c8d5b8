/**
 * Files only the server's own user may read: the embedded servers' data (events, subject keys)
 * and their credentials. Directories 0700, files 0600, whatever the umask says.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates `dir` (and its parents) owner-only; tightens it if it already existed. */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  fs.chmodSync(dir, PRIVATE_DIR_MODE);
}

/**
 * Tightens `dir` and everything under it: the store's files were created by LMDB (0644 under the
 * usual umask) and data dirs made before this rule existed kept their old modes.
 */
export function makeTreePrivate(dir: string): void {
  fs.chmodSync(dir, PRIVATE_DIR_MODE);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) makeTreePrivate(full);
    else if (entry.isFile()) fs.chmodSync(full, PRIVATE_FILE_MODE);
  }
}

/** Writes `content` to `file` as 0600, atomically: a reader sees the old file or the whole new one. */
export function writePrivateFile(file: string, content: string | Buffer): void {
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  fs.writeFileSync(temporary, content, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  fs.renameSync(temporary, file);
}

export function readJsonFile<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
