import { SubjectKeyUnwrapError, unwrapSubjectKey, wrapSubjectKey, WRAPPED_KEY_BYTES } from './subject-key-wrapping';

const kek = (fill: number, id = 'kek-1') => ({ id, material: Buffer.alloc(32, fill), createdAt: '2025-01-01T00:00:00.000Z' });
const material = Buffer.alloc(32, 5);
const label = { subjectId: 'recipient-1', keyId: 'key-recipient-1-1' };

describe('subject key wrapping (AES-256-GCM under a KEK)', () => {
  it('round-trips, and the wrapped bytes do not contain the key', () => {
    const wrapped = wrapSubjectKey(material, kek(1), label);
    expect(wrapped.length).toBe(WRAPPED_KEY_BYTES);
    expect(wrapped.includes(material)).toBe(false);
    expect(Buffer.from(unwrapSubjectKey(wrapped, kek(1), { ...label, kekId: 'kek-1' }))).toEqual(material);
  });

  it.each([
    ['another KEK', (w: Buffer) => unwrapSubjectKey(w, kek(2), { ...label, kekId: 'kek-1' })],
    ['another KEK id', (w: Buffer) => unwrapSubjectKey(w, kek(1, 'kek-2'), { ...label, kekId: 'kek-2' })],
    ['another subject', (w: Buffer) => unwrapSubjectKey(w, kek(1), { ...label, subjectId: 'recipient-2', kekId: 'kek-1' })],
    ['a flipped bit', (w: Buffer) => unwrapSubjectKey(Buffer.from(w.map((b, i) => (i === 20 ? b ^ 1 : b))), kek(1), { ...label, kekId: 'kek-1' })],
    ['a truncated record', (w: Buffer) => unwrapSubjectKey(w.subarray(0, 59), kek(1), { ...label, kekId: 'kek-1' })],
  ])('refuses to unwrap under %s', (_case, attempt) => {
    const wrapped = wrapSubjectKey(material, kek(1), label);
    expect(() => attempt(wrapped)).toThrow(SubjectKeyUnwrapError);
  });
});
