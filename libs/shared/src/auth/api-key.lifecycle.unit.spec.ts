import { type ApiKeyRecord, assertRotatable, expiryAfterGrace, expiryFor, mayManage, statusAt, viewAt } from './api-key.lifecycle';

const NOW = Date.parse('2026-03-02T09:00:00.000Z');
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const key = (extra: Partial<ApiKeyRecord> = {}): ApiKeyRecord => ({ keyId: 'key-1', role: 'courier', participantId: 'c-1', issuedAt: iso(NOW - DAY), issuedBy: 'key-0', ...extra });

describe('an API key’s lifecycle', () => {
  it('is active until it expires (at the instant) or is revoked (revocation wins)', () => {
    expect(statusAt(key(), NOW)).toBe('active');
    expect(statusAt(key({ expiresAt: iso(NOW + 1) }), NOW)).toBe('active');
    expect(statusAt(key({ expiresAt: iso(NOW) }), NOW)).toBe('expired');
    expect(statusAt(key({ expiresAt: iso(NOW), revokedAt: iso(NOW - 1) }), NOW)).toBe('revoked');
  });

  it('shows recorded fields only, with the status', () => {
    expect(viewAt({ ...key(), _id: 'the hash' } as ApiKeyRecord, NOW)).toEqual({ ...key(), status: 'active' });
  });

  it('expires a new key as asked, within the maximum lifetime, or inherits and caps', () => {
    expect(expiryFor({}, NOW)).toBeUndefined();
    expect(expiryFor({ ttlSeconds: 60 }, NOW)).toBe(iso(NOW + 60_000));
    expect(expiryFor({ expiresAt: '2026-03-03T09:00:00Z' }, NOW, 2 * DAY)).toBe(iso(NOW + DAY));
    expect(expiryFor({}, NOW, 90 * DAY)).toBe(iso(NOW + 90 * DAY));
    expect(expiryFor({}, NOW, 90 * DAY, iso(NOW + DAY))).toBe(iso(NOW + DAY));
    expect(expiryFor({}, NOW, DAY, iso(NOW + 90 * DAY))).toBe(iso(NOW + DAY));
    expect(expiryFor({ ttlSeconds: 60 }, NOW, undefined, iso(NOW + DAY))).toBe(iso(NOW + 60_000));
    expect(() => expiryFor({ expiresAt: iso(NOW) }, NOW)).toThrow(expect.objectContaining({ code: 'API_KEY.EXPIRY_NOT_IN_FUTURE', kind: 'rule-broken' }));
    expect(() => expiryFor({ ttlSeconds: 2 * 86_400 }, NOW, DAY)).toThrow(expect.objectContaining({ code: 'API_KEY.LIFETIME_TOO_LONG', message: expect.stringContaining('1 days') }));
  });

  it('rotates an active key once; never a revoked or an expired one', () => {
    expect(() => assertRotatable(key(), NOW)).not.toThrow();
    expect(() => assertRotatable(key({ revokedAt: iso(NOW) }), NOW)).toThrow(expect.objectContaining({ code: 'API_KEY.REVOKED', kind: 'conflict' }));
    expect(() => assertRotatable(key({ expiresAt: iso(NOW) }), NOW)).toThrow(expect.objectContaining({ code: 'API_KEY.EXPIRED' }));
    expect(() => assertRotatable(key({ expiresAt: iso(NOW), replacedBy: 'key-2' }), NOW)).toThrow(
      expect.objectContaining({ code: 'API_KEY.ALREADY_ROTATED', message: expect.stringContaining('key-2') }),
    );
  });

  it('ends a rotated key after the grace period, never later than it would have', () => {
    expect(expiryAfterGrace(key(), NOW, 0)).toBe(iso(NOW));
    expect(expiryAfterGrace(key(), NOW, DAY)).toBe(iso(NOW + DAY));
    expect(expiryAfterGrace(key({ expiresAt: iso(NOW + 60_000) }), NOW, DAY)).toBe(iso(NOW + 60_000));
  });

  it('is managed by admins, and otherwise only by its own holder', () => {
    expect(mayManage({ role: 'admin', keyId: 'key-9' }, key())).toBe(true);
    expect(mayManage({ role: 'courier', keyId: 'key-1' }, key())).toBe(true);
    expect(mayManage({ role: 'courier', keyId: 'key-2' }, key())).toBe(false);
  });
});
