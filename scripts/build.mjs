// Compiles every TypeScript file (tests excluded) into dist/ with SWC, mirroring the tree.
// Incremental by modification time, so `npm start`/`npm test` pay for a full build only once.
// Type checking is separate (`npm run typecheck`); CI runs both.
import { createRequire } from 'node:module';
import { promises as fs } from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
const swc = require('@swc/core');
const { root, swcOptions } = require('./swc-options.cjs');

const SOURCE_DIRS = ['src', 'apps', 'libs', 'bench', 'test'];
const outDir = path.join(root, 'dist');

async function* walk(dir) {
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !entry.name.endsWith('.spec.ts')) yield full;
  }
}

async function mtime(file) {
  try {
    return (await fs.stat(file)).mtimeMs;
  } catch {
    return -1;
  }
}

let compiled = 0;
const jobs = [];
for (const dir of SOURCE_DIRS) {
  for await (const file of walk(path.join(root, dir))) {
    const rel = path.relative(root, file);
    const target = path.join(outDir, rel.replace(/\.ts$/, '.js'));
    jobs.push(
      (async () => {
        if ((await mtime(target)) >= (await mtime(file))) return;
        const { code, map } = await swc.transformFile(file, { ...swcOptions, filename: file, outputPath: target });
        await fs.mkdir(path.dirname(target), { recursive: true });
        await fs.writeFile(target, `${code}\n//# sourceMappingURL=${path.basename(target)}.map`);
        if (map) await fs.writeFile(`${target}.map`, map);
        compiled += 1;
      })(),
    );
  }
}
await Promise.all(jobs);
if (process.env.HANDOFF_BUILD_VERBOSE) console.log(`compiled ${compiled} file(s) into dist/`);
