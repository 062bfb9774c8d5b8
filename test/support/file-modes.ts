import * as fs from 'node:fs';
import * as path from 'node:path';

export const modeOf = (file: string): number => fs.statSync(file).mode & 0o777;

/** Every file and directory under `dir`, depth first. */
export function everyEntry(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? [full, ...everyEntry(full)] : [full];
  });
}

/** `dir` and everything under it are owner-only: directories 0700, files 0600. Returns the entries' names. */
export function expectOwnerOnly(dir: string): string[] {
  expect(modeOf(dir)).toBe(0o700);
  const entries = everyEntry(dir);
  for (const entry of entries) expect([entry, modeOf(entry)]).toEqual([entry, fs.statSync(entry).isDirectory() ? 0o700 : 0o600]);
  return entries.map((entry) => path.basename(entry));
}
