import { DomainError } from '@handoff/kernel';
import { InMemorySubjectKeyStore } from './in-memory-subject-key-store';
import { decryptPersonalData, encryptPersonalData, PersonalDataUnreadableError, type SubjectKey } from './personal-data-cipher';
import type { PersonalDataEnvelope } from '@handoff/kernel';
import { PersonalDataVault, SubjectErasedError, SubjectKeyMissingError } from './personal-data-vault';
import type { RecipientPersonalData } from './recipient-personal-data';

const recipient: RecipientPersonalData = {
  name: 'Zoë Ångström',
  address: { lines: ['Flat 2', '14 Rue de l’Église'], locality: 'Millbrook', postalCode: '12545', countryCode: 'US' },
  phone: '+1 555 0100',
};
const key = (fill: number, keyId = 'key-1', subjectId = 'recipient-1'): SubjectKey => ({ subjectId, keyId, material: Buffer.alloc(32, fill) });
const FIXED_IV = Buffer.alloc(12, 7);

/** Flips one bit of a base64 field. */
const flip = (base64: string, byte = 0) => {
  const bytes = Buffer.from(base64, 'base64');
  bytes[byte] ^= 0x01;
  return bytes.toString('base64');
};

describe('AES-256-GCM envelopes', () => {
  it('round-trips and never shows the plain text', () => {
    const envelope = encryptPersonalData(recipient, key(1));
    // Whole values with spaces: base64 has no space, so a random ciphertext can never match by chance.
    expect(JSON.stringify(envelope)).not.toMatch(/Zoë Ångström|14 Rue de|\+1 555 0100/);
    expect(envelope).toMatchObject({ version: 1, algorithm: 'AES-256-GCM', subjectId: 'recipient-1', keyId: 'key-1' });
    expect(decryptPersonalData(envelope, key(1))).toEqual(recipient);
  });

  // Computed independently with node:crypto over AAD [1,"AES-256-GCM","recipient-1","key-1"]:
  // a change to the envelope format or the authenticated header shows up here.
  it('matches a fixed vector for a fixed key and IV', () => {
    const envelope = encryptPersonalData({ name: 'A' }, key(1), { iv: FIXED_IV });
    expect(envelope).toEqual({
      version: 1,
      algorithm: 'AES-256-GCM',
      subjectId: 'recipient-1',
      keyId: 'key-1',
      iv: 'BwcHBwcHBwcHBwcH',
      ciphertext: '9tGExWLLk5s72yZN',
      authTag: 'UrpD03llrGaY+E3xXEU8ZA==',
    });
    expect(decryptPersonalData(envelope, key(1))).toEqual({ name: 'A' });
  });

  it('uses a fresh IV each time', () => {
    expect(encryptPersonalData(recipient, key(1)).iv).not.toBe(encryptPersonalData(recipient, key(1)).iv);
  });

  it.each<[string, (envelope: PersonalDataEnvelope) => PersonalDataEnvelope]>([
    ['a flipped ciphertext bit', (e) => ({ ...e, ciphertext: flip(e.ciphertext, 3) })],
    ['a flipped tag bit', (e) => ({ ...e, authTag: flip(e.authTag, 15) })],
    ['a flipped IV bit', (e) => ({ ...e, iv: flip(e.iv) })],
    ['a truncated tag', (e) => ({ ...e, authTag: Buffer.from(e.authTag, 'base64').subarray(0, 12).toString('base64') })],
  ])('detects tampering: %s', (_label, tamper) => {
    const envelope = encryptPersonalData(recipient, key(1));
    expect(() => decryptPersonalData(tamper(envelope), key(1))).toThrow(PersonalDataUnreadableError);
  });

  it("refuses an envelope relabelled to another subject, even with that subject's key id", () => {
    const envelope = encryptPersonalData(recipient, key(1));
    const relabelled = { ...envelope, subjectId: 'recipient-2' };
    expect(() => decryptPersonalData(relabelled, key(1, 'key-1', 'recipient-2'))).toThrow(PersonalDataUnreadableError);
  });

  it('refuses the wrong key', () => {
    const envelope = encryptPersonalData(recipient, key(1));
    expect(() => decryptPersonalData(envelope, key(2))).toThrow('authentication failed');
    expect(() => decryptPersonalData(envelope, key(1, 'key-2'))).toThrow('not sealed with key key-2');
  });

  it('refuses key material that is not 32 bytes', () => {
    expect(() => encryptPersonalData(recipient, { subjectId: 's', keyId: 'k', material: Buffer.alloc(16) })).toThrow(RangeError);
  });
});

describe('PersonalDataVault', () => {
  const setup = () => {
    const keys = new InMemorySubjectKeyStore(() => '2025-03-05T10:00:00.000Z');
    return { keys, vault: new PersonalDataVault(keys) };
  };

  it('seals on write and opens on read, one key per subject', async () => {
    const { keys, vault } = setup();
    const first = await vault.seal('recipient-1', recipient);
    const second = await vault.seal('recipient-2', { ...recipient, name: 'Someone else' });
    expect(first.keyId).not.toBe(second.keyId);
    expect(await vault.open(first)).toEqual({ erased: false, subjectId: 'recipient-1', data: recipient });
    expect(await keys.getKey('recipient-1')).toMatchObject({ subjectId: 'recipient-1', keyId: first.keyId });
  });

  it('answers erased, with the shredding time, once the key is destroyed; other subjects are untouched', async () => {
    const { vault } = setup();
    const erasedLater = await vault.seal('recipient-1', recipient);
    const kept = await vault.seal('recipient-2', recipient);
    expect(await vault.erase('recipient-1')).toEqual({ shredded: true, subjectId: 'recipient-1', shreddedAt: '2025-03-05T10:00:00.000Z' });
    expect(await vault.open(erasedLater)).toEqual({ erased: true, subjectId: 'recipient-1', shreddedAt: '2025-03-05T10:00:00.000Z' });
    expect(await vault.open(kept)).toMatchObject({ erased: false, data: recipient });
  });

  it('keeps the first shredding time when erased twice, and never re-creates the key', async () => {
    let now = '2025-03-05T10:00:00.000Z';
    const keys = new InMemorySubjectKeyStore(() => now);
    const vault = new PersonalDataVault(keys);
    await vault.seal('recipient-1', recipient);
    await vault.erase('recipient-1');
    now = '2025-04-01T00:00:00.000Z';
    expect(await vault.erase('recipient-1')).toMatchObject({ shreddedAt: '2025-03-05T10:00:00.000Z' });
    const refusal = await vault.seal('recipient-1', recipient).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(SubjectErasedError);
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ code: 'PERSONAL_DATA.SUBJECT_ERASED', kind: 'conflict' });
  });

  it('makes the old key material unusable (zeroed) when shredding', async () => {
    const { keys, vault } = setup();
    const envelope = await vault.seal('recipient-1', recipient);
    const key = (await keys.getKey('recipient-1')) as SubjectKey;
    await vault.erase('recipient-1');
    expect(() => decryptPersonalData(envelope, key)).toThrow(PersonalDataUnreadableError);
  });

  it('says so when an envelope names a subject the key store never knew', async () => {
    const { vault } = setup();
    const stray = encryptPersonalData(recipient, key(1, 'key-1', 'stranger'));
    await expect(vault.open(stray)).rejects.toBeInstanceOf(SubjectKeyMissingError);
  });

  it('detects tampering through the vault too', async () => {
    const { vault } = setup();
    const envelope = await vault.seal('recipient-1', recipient);
    await expect(vault.open({ ...envelope, ciphertext: flip(envelope.ciphertext) })).rejects.toBeInstanceOf(PersonalDataUnreadableError);
  });
});
