import { existsSync } from 'node:fs';
import * as path from 'node:path';

/**
 * Child processes and workers run compiled JavaScript from dist/. When the caller itself runs
 * from TypeScript sources (jest, via SWC), map `<root>/x/y.ts` to `<root>/dist/x/y.js`.
 */
export function compiledPath(sourceFile: string): string {
  if (sourceFile.endsWith('.js')) return sourceFile;
  const root = findRepoRoot(path.dirname(sourceFile));
  const relative = path.relative(root, sourceFile).replace(/\.ts$/, '.js');
  return path.join(root, 'dist', relative);
}

function findRepoRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(path.join(dir, 'nest-cli.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no nest-cli.json above ${start}`);
    dir = parent;
  }
}

/** The repository root (where nest-cli.json lives), from any file inside it. */
export function repoRoot(): string {
  return findRepoRoot(__dirname);
}
