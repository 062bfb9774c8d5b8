import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileKeyring } from './file-keyring';

describe('FileKeyring', () => {
  let dir: string;
  const now = () => '2025-05-01T10:00:00.000Z';

  beforeEach(() => {
    dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'handoff-keyring-unit-')), 'keys');
  });
  afterEach(() => rmSync(path.dirname(dir), { recursive: true, force: true }));

  it("sees another instance's changes at once", async () => {
    const [a, b] = [new FileKeyring(dir, now), new FileKeyring(dir, now)];
    await b.current();
    const added = await a.withRotationLock(() => a.addCurrent(now()));
    expect(await b.current()).toEqual(added);
  });

  it('gives two instances created at once one first KEK', async () => {
    const [a, b] = [new FileKeyring(dir, now), new FileKeyring(dir, now)];
    const [first, second] = await Promise.all([a.current(), b.current()]);
    expect(first).toEqual(second);
    expect(readdirSync(dir)).toEqual(['keyring.json']);
  });

  it('replaces the file on every change, so a retired KEK is in no file of the directory', async () => {
    const ring = new FileKeyring(dir, now);
    const old = await ring.current();
    await ring.withRotationLock(async () => {
      await ring.addCurrent(now());
      await ring.retireAllButCurrent();
    });
    expect(await ring.byId(old.id)).toBeNull();
    expect(readFileSync(ring.file, 'utf8')).not.toContain(Buffer.from(old.material).toString('base64'));
    expect(readdirSync(dir)).toEqual(['keyring.json']);
  });

  it('refuses changes outside the rotation lock', async () => {
    await expect(new FileKeyring(dir, now).addCurrent(now())).rejects.toThrow('withRotationLock');
  });

  it('takes over a lock whose owner died (SIGKILL), and removes temporaries a crash left', async () => {
    const ring = new FileKeyring(dir, now);
    await ring.current();
    writeFileSync(path.join(dir, 'rotation.lock'), '999999999 someone');
    writeFileSync(path.join(dir, 'keyring.json.999999999.x.tmp'), '{"keys":"an old KEK"}');
    const again = new FileKeyring(dir, now);
    expect(readdirSync(dir).sort()).toEqual(['keyring.json', 'rotation.lock']);
    expect(await again.withRotationLock(async () => 'ran')).toBe('ran');
    expect(readdirSync(dir)).toEqual(['keyring.json']);
  });
});
