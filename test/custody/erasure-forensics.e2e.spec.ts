/**
 * Issue 17 §5: after `DELETE /recipients/{id}/personal-data` and the rotation that follows within
 * HANDOFF_ERASURE_BOUND, nothing in the data dir (event store, read store with its freed pages,
 * keyring) yields a key that opens the erased subject's ciphertext; other subjects still open and
 * custody chains still read. Before the bound, a stale wrapped copy may still unwrap under the
 * live KEK (ADR 0011): the scan shows it, and shows it gone after.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { EventStoreDBClient } from '@eventstore/db-client';
import type { PersonalDataEnvelope } from '@handoff/kernel';
import { MongoClient } from 'mongodb';
import { AllInOne, startAllInOne } from '../../src/all-in-one';
import { keyBytesAnywhere, scanDataDirForKeysOffThread } from './support/forensic-key-scan';

jest.setTimeout(120_000);

const SUBJECTS = 20;
const ERASURE_BOUND_SECONDS = 4;
const address = { lines: ['1 Mill Lane'], locality: 'Hebden Bridge', postalCode: 'HX7 8AA', countryCode: 'GB' };

describe('erasure that erases (all-in-one, embedded servers)', () => {
  let dataDir: string;
  let running: AllInOne;
  const logs: string[] = [];
  let events: EventStoreDBClient;
  let mongo: MongoClient;

  const call = async (method: string, route: string, key: string, body?: unknown) => {
    const response = await fetch(running.url + route, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };
  const rotations = () => logs.map((line) => JSON.parse(line)).filter((entry) => entry.msg === 'key-encryption key rotated');

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'handoff-forensic-'));
    running = await startAllInOne(
      { HANDOFF_DATA_DIR: dataDir, PORT: '0', EMBEDDED_EVENTSTORE_PORT: '0', EMBEDDED_MONGODB_PORT: '0', HANDOFF_ERASURE_BOUND: String(ERASURE_BOUND_SECONDS), ALL_IN_ONE_PROJECTOR: 'inline' },
      { logSink: (line) => logs.push(line) },
    );
    events = EventStoreDBClient.connectionString(running.embeddedEventStore!.connectionString);
    mongo = new MongoClient(running.embeddedReadStore!.uri);
  });

  afterAll(async () => {
    await events?.dispose().catch(() => undefined);
    await mongo?.close();
    await running?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('leaves no key that opens an erased subject anywhere in the data dir once the bound has passed', async () => {
    const adminKey = logs.map((line) => JSON.parse(line)).find((entry) => entry.apiKey)!.apiKey as string;
    for (const [route, body] of [
      ['/retailers', { participantId: 'r-1', displayName: 'Calder Tools' }],
      ['/coordinators', { participantId: 'co-1', displayName: 'Ruth' }],
      ['/hubs', { participantId: 'hub-1', displayName: 'Mill Hub', address, operatingCoordinatorId: 'co-1' }],
      [
        '/collectives',
        { participantId: 'col-1', displayName: 'Calder', memberRetailerIds: ['r-1'], policy: { declaredValueThreshold: { amountMinor: 50_000, currency: 'GBP' }, waiverRequired: false } },
      ],
    ] as const)
      expect((await call('POST', route, adminKey, body)).status).toBe(201);
    const retailerKey = (await call('POST', '/api-keys', adminKey, { role: 'retailer', participantId: 'r-1' })).body.apiKey as string;

    const envelopes: PersonalDataEnvelope[] = [];
    for (let i = 0; i < SUBJECTS; i++) {
      const registered = await call('POST', '/parcels', retailerKey, {
        parcelId: `p-${i}`,
        externalReference: `order-${i}`,
        collectiveId: 'col-1',
        declaredValue: { amountMinor: 1_000, currency: 'GBP' },
        categories: [],
        destinationHubId: 'hub-1',
        recipient: { name: `Recipient Number ${i}`, address, phone: '+44 7700 900123' },
      });
      expect(registered.status).toBe(201);
      for await (const { event } of events.readStream(`parcel-p-${i}`, { maxCount: 1 })) envelopes.push((event!.data as { recipient: PersonalDataEnvelope }).recipient);
    }
    const erased = envelopes.filter((_, i) => i % 2 === 0);
    const kept = envelopes.filter((_, i) => i % 2 === 1);
    const erasedIds = erased.map((envelope) => envelope.subjectId);

    const kekBefore = JSON.parse(await readFile(path.join(dataDir, 'keys', 'keyring.json'), 'utf8')).keys[0];
    const rotationsBefore = rotations().length;
    for (const subjectId of erasedIds) expect((await call('DELETE', `/recipients/${subjectId}/personal-data`, adminKey)).status).toBe(200);
    const lastErasure = Date.now();
    // The bound: when every erasure is covered by a finished rotation (none pending, one KEK held),
    // watched while the scan below runs on its own thread.
    const keysCollection = mongo.db('handoff').collection('subject_keys');
    const covered = async () =>
      (await keysCollection.countDocuments({ rotationPending: true })) === 0 && JSON.parse(await readFile(path.join(dataDir, 'keys', 'keyring.json'), 'utf8')).keys.length === 1;
    const coveredAt = (async () => {
      while (!(await covered()) && Date.now() - lastErasure < ERASURE_BOUND_SECONDS * 1000 + 5_000) await new Promise((resolve) => setTimeout(resolve, 50));
      return Date.now();
    })();

    // Within the bound: never a clear key; a stale wrapped copy may still unwrap under the live KEK.
    const within = await scanDataDirForKeysOffThread(dataDir, envelopes);
    expect(within.findings.filter((finding) => finding.how === 'key')).toEqual([]);
    expect(within.findings.filter((finding) => erasedIds.includes(finding.subjectId)).every((finding) => finding.file.endsWith(path.join('keys', 'keyring.json')))).toBe(true);
    // The scan is able to find keys: with the keyring beside the data, every live subject opens.
    expect(
      within.findings
        .filter((finding) => !erasedIds.includes(finding.subjectId))
        .map((finding) => finding.subjectId)
        .sort(),
    ).toEqual(kept.map((e) => e.subjectId).sort());

    expect((await coveredAt) - lastErasure).toBeLessThanOrEqual(ERASURE_BOUND_SECONDS * 1000);
    const done = rotations().slice(rotationsBefore);
    expect(done.length).toBeGreaterThanOrEqual(1);
    expect(done.every((rotation) => rotation.reason === 'erasure')).toBe(true);
    expect(done[0].retired).toEqual([kekBefore.id]);

    const after = await scanDataDirForKeysOffThread(dataDir, envelopes);
    expect(after.findings.filter((finding) => erasedIds.includes(finding.subjectId))).toEqual([]);
    expect(after.findings.map((finding) => finding.subjectId).sort()).toEqual(kept.map((e) => e.subjectId).sort());
    expect(after.wrappedBlobs).toBeGreaterThanOrEqual(kept.length);
    expect(keyBytesAnywhere(dataDir, Buffer.from(kekBefore.key, 'base64'))).toEqual([]);

    // The service still reads: erased recipients show as erased, others in full, chains whole.
    expect((await call('GET', '/parcels/p-0', adminKey)).body.recipient).toMatchObject({ visibility: 'erased' });
    expect((await call('GET', '/parcels/p-1', adminKey)).body.recipient).toMatchObject({ name: 'Recipient Number 1' });
    for (const parcel of ['p-0', 'p-1']) expect((await call('GET', `/parcels/${parcel}/custody-chain`, adminKey)).status).toBe(200);
  });
});
