import * as fs from 'node:fs';
import * as path from 'node:path';
import { SERVER_NODE_FLAGS } from './v8-heap-tuning';

// V8 reads heap sizing only from the command line: every way of starting a serving process must pass the flags.
const root = path.join(__dirname, '..', '..', '..', '..');

describe('V8 heap flags of the serving processes', () => {
  it('npm start passes them to the all-in-one', () => {
    const { scripts } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(scripts.start).toBe(`node ${SERVER_NODE_FLAGS.join(' ')} dist/src/main.js`);
  });

  it('the Docker entrypoint passes them to the all-in-one, the api and the projector', () => {
    const entrypoint = fs.readFileSync(path.join(root, 'docker', 'entrypoint.sh'), 'utf8');
    const heap = /^heap="([^"]*)"$/m.exec(entrypoint)?.[1];
    expect(heap?.split(' ')).toEqual([...SERVER_NODE_FLAGS]);
    for (const app of ['dist/src/main.js', 'dist/apps/api/src/main.js', 'dist/apps/projector/src/main.js']) {
      expect(entrypoint).toContain(`exec node "$heap" ${app}`);
    }
  });
});
