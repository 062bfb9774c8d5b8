/**
 * Issue 17 §5: `kill -9` during a KEK rotation loses no live key. A child process rotates over
 * the embedded read store; the test SIGKILLs it at a random moment after the new KEK appeared in
 * the keyring (so mid-rotation), then, as the next start would, resumes the rotation and checks
 * every live subject key, byte for byte, and that erased subjects stay erased.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { MongoClient } from 'mongodb';
import { repoRoot } from '@handoff/shared/compiled-path';
import { FileKeyring } from '@handoff/personal-data/file-keyring';
import { KeyRotation } from '@handoff/personal-data/key-rotation';
import { MongoSubjectKeyStore, SUBJECT_KEYS_COLLECTION } from '@handoff/personal-data/mongo-subject-key-store';
import { startTestReadStore } from './support/embedded-read-store.fixture';
import { spawnLineWriter } from '../support/line-writer-process';

jest.setTimeout(120_000);

const LIVE_SUBJECTS = 200;
const ROUNDS = 4;
const child = path.join(repoRoot(), 'dist', 'test', 'custody', 'support', 'rotation-child.js');

describe('KEK rotation killed with SIGKILL', () => {
  let readStore: Awaited<ReturnType<typeof startTestReadStore>>;
  let mongo: MongoClient;
  let keyringDir: string;
  const now = () => new Date().toISOString();
  const db = () => mongo.db('rotation_crash');
  const fresh = () => {
    const keyring = new FileKeyring(keyringDir, now);
    const store = new MongoSubjectKeyStore(db(), keyring, now);
    return { keyring, store, rotation: new KeyRotation(db(), store, keyring, now) };
  };
  const ringSize = () => (existsSync(path.join(keyringDir, 'keyring.json')) ? JSON.parse(readFileSync(path.join(keyringDir, 'keyring.json'), 'utf8')).keys.length : 0);

  beforeAll(async () => {
    readStore = await startTestReadStore();
    mongo = new MongoClient(readStore.uri);
    keyringDir = await mkdtemp(path.join(os.tmpdir(), 'handoff-rotation-crash-'));
  });

  afterAll(async () => {
    await mongo?.close();
    await readStore?.dispose();
    await rm(keyringDir, { recursive: true, force: true });
  });

  it('loses no live key, whenever it dies, and the next start finishes the rotation', async () => {
    const { store } = fresh();
    const live = new Map<string, string>();
    for (let i = 0; i < LIVE_SUBJECTS; i++) {
      const key = await store.getOrCreateKey(`subject-${i}`);
      if ('material' in key) live.set(`subject-${i}`, Buffer.from(key.material).toString('hex'));
    }
    for (let i = 0; i < 20; i++) await store.destroyKey(`subject-${i}`);
    for (let i = 0; i < 20; i++) live.delete(`subject-${i}`);

    let killedMidRotation = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const writer = spawnLineWriter(child, [readStore.uri, 'rotation_crash', keyringDir], () => undefined);
      try {
        const deadline = Date.now() + 15_000;
        while (ringSize() < 2 && writer.child.exitCode === null && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 2));
        // Die somewhere in the re-wrapping: after a random share of the keys moved to the new KEK
        // (none, in the first round: right after the new KEK was written).
        const newKek = JSON.parse(readFileSync(path.join(keyringDir, 'keyring.json'), 'utf8')).current as string;
        const target = round === 0 ? 0 : Math.floor(Math.random() * live.size);
        while (writer.child.exitCode === null && Date.now() < deadline && (await db().collection(SUBJECT_KEYS_COLLECTION).countDocuments({ kekId: newKek })) < target) {
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        if (ringSize() === 2) killedMidRotation++;
        writer.child.kill('SIGKILL');
        await writer.exitWithin(5_000);
      } finally {
        writer.killIfRunning();
      }

      // What the next start sees: every live key unwraps to the same bytes, mid-rotation or not.
      const next = fresh();
      for (const [subjectId, material] of live) {
        const key = await next.store.getKey(subjectId);
        expect(key && 'material' in key && Buffer.from(key.material).toString('hex')).toBe(material);
      }
      // ...and finishes the rotation.
      if ((await next.rotation.due(86_400_000)) === 'interrupted') expect(await next.rotation.rotate()).not.toBe('skipped');
      expect(ringSize()).toBe(1);
      const current = (await next.keyring.current()).id;
      expect(
        await db()
          .collection(SUBJECT_KEYS_COLLECTION)
          .countDocuments({ kekId: { $ne: current }, shredded: { $ne: true } }),
      ).toBe(0);
    }
    expect(killedMidRotation).toBeGreaterThanOrEqual(ROUNDS - 1);

    const { store: finalStore } = fresh();
    for (const [subjectId, material] of live) {
      const key = await finalStore.getKey(subjectId);
      expect(key && 'material' in key && Buffer.from(key.material).toString('hex')).toBe(material);
    }
    for (let i = 0; i < 20; i++) expect(await finalStore.getKey(`subject-${i}`)).toMatchObject({ shredded: true });
  });
});
