import { FixedClock } from '@handoff/shared';
import { IDEMPOTENCY_COLLECTION } from '@handoff/shared/http';
import { CustodyApi, startCustodyApi } from '../../../../test/custody/support/custody-api.fixture';

jest.setTimeout(60_000);

const HOUR = 3_600_000;

/**
 * Revoking, rotating and expiring API keys over HTTP, on a clock the test moves. Every key here
 * authenticates once before it is revoked or rotated, so the guard's cache holds it: what is
 * asserted is that the cache does not outlive a revocation or an expiry in this process.
 */
describe('API key lifecycle over HTTP (embedded servers)', () => {
  const clock = new FixedClock('2026-03-02T09:00:00.000Z');
  let api: CustodyApi;
  let admin: string;

  const issue = async (grant: Record<string, unknown>, key = admin) => {
    const answer = await api.call('POST', '/api-keys', { key, body: grant });
    expect(answer.status).toBe(201);
    return answer.body as { apiKey: string; actor: { keyId: string }; key: Record<string, unknown> };
  };
  /** Any role may read its own key: the probe for "does this key still authenticate". */
  const probe = (key: string) => api.call('GET', '/api-keys/current', { key });

  beforeAll(async () => {
    api = await startCustodyApi({ clock });
    admin = api.adminKey;
  });

  afterAll(async () => {
    await api?.dispose();
  });

  it('revokes a key at once in the process that revoked it, though the key was cached; a second revocation answers the first', async () => {
    const second = await issue({ role: 'admin', participantId: 'night-shift' });
    expect((await api.call('GET', '/api-keys', { key: second.apiKey })).status).toBe(200);

    const revoked = await api.call('POST', `/api-keys/${second.actor.keyId}/revoke`, { key: admin, body: { reason: 'laptop stolen' } });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ keyId: second.actor.keyId, status: 'revoked', revokedAt: clock.nowIso(), reason: 'laptop stolen' });

    const refused = await api.call('GET', '/api-keys', { key: second.apiKey });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ status: 401, code: 'AUTH.API_KEY_REVOKED' });

    clock.advance(1_000);
    const again = await api.call('POST', `/api-keys/${second.actor.keyId}/revoke`, { key: admin, body: { reason: 'again' } });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(revoked.body);
  });

  it('answers 404 Problem Details for a key id nobody issued, and 401 UNKNOWN (not revoked) for a secret nobody issued', async () => {
    const unknown = await api.call('POST', '/api-keys/key-0000000000000000/revoke', { key: admin, body: {} });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ status: 404, code: 'API_KEY.NOT_FOUND' });
    expect((await api.call('POST', '/api-keys/key-0000000000000000/rotate', { key: admin, body: {} })).body).toMatchObject({ status: 404, code: 'API_KEY.NOT_FOUND' });
    expect((await api.call('POST', '/api-keys/bad%20id/revoke', { key: admin, body: {} })).status).toBe(400);
    expect((await probe(`hk_${'A'.repeat(43)}`)).body).toMatchObject({ status: 401, code: 'AUTH.API_KEY_UNKNOWN' });
  });

  it('refuses an expired key at the instant it expires, though it is cached', async () => {
    const shortLived = await issue({ role: 'auditor', participantId: 'audit-firm-1', ttlSeconds: 60 });
    expect(shortLived.key).toMatchObject({ expiresAt: new Date(clock.now().getTime() + 60_000).toISOString(), status: 'active' });
    expect((await probe(shortLived.apiKey)).status).toBe(200);
    clock.advance(59_999);
    expect((await probe(shortLived.apiKey)).status).toBe(200);
    clock.advance(1);
    expect((await probe(shortLived.apiKey)).body).toMatchObject({ status: 401, code: 'AUTH.API_KEY_EXPIRED' });
    expect((await api.call('POST', '/api-keys', { key: admin, body: { role: 'auditor', participantId: 'a', expiresAt: clock.nowIso() } })).body).toMatchObject({
      status: 422,
      code: 'API_KEY.EXPIRY_NOT_IN_FUTURE',
    });
    expect((await api.call('POST', '/api-keys', { key: admin, body: { role: 'auditor', participantId: 'a', ttlSeconds: 0 } })).status).toBe(400);
  });

  it('rotates a key: the successor works at once, the old key through its grace period and not after', async () => {
    const original = await issue({ role: 'auditor', participantId: 'audit-firm-2' });
    expect((await probe(original.apiKey)).status).toBe(200);

    const rotated = await api.call('POST', `/api-keys/${original.actor.keyId}/rotate`, { key: admin, body: { graceSeconds: 3_600 } });
    expect(rotated.status).toBe(201);
    const successor = rotated.body;
    expect(successor.apiKey).not.toBe(original.apiKey);
    expect(successor.actor).toMatchObject({ role: 'auditor', participantId: 'audit-firm-2' });
    expect(successor.key).toMatchObject({ replaces: original.actor.keyId, status: 'active' });
    expect(successor.previous).toMatchObject({ keyId: original.actor.keyId, replacedBy: successor.actor.keyId, expiresAt: new Date(clock.now().getTime() + HOUR).toISOString() });

    expect((await probe(successor.apiKey)).body).toMatchObject({ keyId: successor.actor.keyId });
    clock.advance(HOUR - 1);
    expect((await probe(original.apiKey)).status).toBe(200);
    clock.advance(1);
    expect((await probe(original.apiKey)).body).toMatchObject({ status: 401, code: 'AUTH.API_KEY_EXPIRED' });
    expect((await probe(successor.apiKey)).status).toBe(200);
    expect((await api.call('POST', `/api-keys/${original.actor.keyId}/rotate`, { key: admin, body: {} })).body).toMatchObject({ status: 409, code: 'API_KEY.ALREADY_ROTATED' });
    const lapsed = await issue({ role: 'auditor', participantId: 'audit-firm-2', ttlSeconds: 1 });
    clock.advance(1_000);
    expect((await api.call('POST', `/api-keys/${lapsed.actor.keyId}/rotate`, { key: admin, body: {} })).body).toMatchObject({ status: 409, code: 'API_KEY.EXPIRED' });
  });

  it('rotates with no grace (graceSeconds 0): the old key is refused at once; a key is rotated once', async () => {
    const original = await issue({ role: 'auditor', participantId: 'audit-firm-3' });
    expect((await probe(original.apiKey)).status).toBe(200);
    const rotated = await api.call('POST', `/api-keys/${original.actor.keyId}/rotate`, { key: admin, body: { graceSeconds: 0 } });
    expect(rotated.status).toBe(201);
    expect((await probe(original.apiKey)).body).toMatchObject({ status: 401, code: 'AUTH.API_KEY_EXPIRED' });
    expect((await probe(rotated.body.apiKey)).status).toBe(200);

    const graceful = await issue({ role: 'auditor', participantId: 'audit-firm-3' });
    expect((await api.call('POST', `/api-keys/${graceful.actor.keyId}/rotate`, { key: admin, body: {} })).body.previous).toMatchObject({
      expiresAt: new Date(clock.now().getTime() + 24 * HOUR).toISOString(),
    });
    expect((await api.call('POST', `/api-keys/${graceful.actor.keyId}/rotate`, { key: admin, body: {} })).body).toMatchObject({ status: 409, code: 'API_KEY.ALREADY_ROTATED' });
    expect((await api.call('POST', `/api-keys/${graceful.actor.keyId}/rotate`, { key: admin, body: { graceSeconds: -1 } })).status).toBe(400);
  });

  it('lets a holder revoke or rotate their own key, never extend it, and not touch anyone else’s', async () => {
    const mine = await issue({ role: 'auditor', participantId: 'audit-firm-4', ttlSeconds: 86_400 });
    const theirs = await issue({ role: 'auditor', participantId: 'audit-firm-5' });
    const expect404 = async (path: string) => expect((await api.call('POST', path, { key: mine.apiKey, body: {} })).body).toMatchObject({ status: 404, code: 'API_KEY.NOT_FOUND' });
    await expect404(`/api-keys/${theirs.actor.keyId}/revoke`);
    await expect404(`/api-keys/${theirs.actor.keyId}/rotate`);
    expect((await api.call('GET', '/api-keys', { key: mine.apiKey })).status).toBe(403);
    expect((await api.call('POST', `/api-keys/${mine.actor.keyId}/rotate`, { key: mine.apiKey, body: { ttlSeconds: 999_999 } })).body).toMatchObject({
      status: 403,
      code: 'API_KEY.LIFETIME_ADMIN_ONLY',
    });

    const rotated = await api.call('POST', `/api-keys/${mine.actor.keyId}/rotate`, { key: mine.apiKey, body: { graceSeconds: 0 } });
    expect(rotated.status).toBe(201);
    expect(rotated.body.key).toMatchObject({ expiresAt: mine.key.expiresAt, issuedBy: mine.actor.keyId });
    const revoked = await api.call('POST', `/api-keys/${rotated.body.actor.keyId}/revoke`, { key: rotated.body.apiKey, body: {} });
    expect(revoked.body).toMatchObject({ status: 'revoked', revokedBy: rotated.body.actor.keyId });
    expect((await probe(rotated.body.apiKey)).body).toMatchObject({ code: 'AUTH.API_KEY_REVOKED' });
  });

  it('lists keys without secrets, by participant and status', async () => {
    const a = await issue({ role: 'auditor', participantId: 'audit-firm-6' });
    const b = await issue({ role: 'auditor', participantId: 'audit-firm-6' });
    await api.call('POST', `/api-keys/${b.actor.keyId}/revoke`, { key: admin, body: {} });
    const listed = await api.call('GET', '/api-keys?participantId=audit-firm-6', { key: admin });
    expect(listed.status).toBe(200);
    expect(listed.body.keys.map((k: { keyId: string; status: string }) => [k.keyId, k.status]).sort()).toEqual(
      [
        [a.actor.keyId, 'active'],
        [b.actor.keyId, 'revoked'],
      ].sort(),
    );
    expect(JSON.stringify(listed.body)).not.toMatch(/hk_|_id|hash/);
    const active = await api.call('GET', '/api-keys?participantId=audit-firm-6&status=active', { key: admin });
    expect(active.body.keys.map((k: { keyId: string }) => k.keyId)).toEqual([a.actor.keyId]);
    const paged = await api.call('GET', '/api-keys?limit=1', { key: admin });
    expect(paged.body.keys).toHaveLength(1);
    const next = await api.call('GET', `/api-keys?limit=1&after=${paged.body.next}`, { key: admin });
    expect(next.body.keys[0].keyId > paged.body.keys[0].keyId).toBe(true);
    expect((await api.call('GET', '/api-keys?status=lost', { key: admin })).status).toBe(400);
  });

  it('documents the lifecycle endpoints in the OpenAPI document', async () => {
    const openapi = (await api.call('GET', '/docs-json')).body;
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/api-keys', '/api-keys/current', '/api-keys/{keyId}/revoke', '/api-keys/{keyId}/rotate']));
    expect(openapi.components.schemas.RotateApiKeyRequestDto.properties.graceSeconds).toMatchObject({ type: 'integer', minimum: 0 });
  });

  it('never stores a secret for an idempotent replay: Idempotency-Key is refused where the answer carries a key', async () => {
    const answer = await api.call('POST', '/api-keys', { key: admin, body: { role: 'auditor', participantId: 'audit-firm-7' }, headers: { 'idempotency-key': 'k-1' } });
    const records = await api.mongo.db('handoff').collection(IDEMPOTENCY_COLLECTION).find().toArray();
    expect(JSON.stringify(records)).not.toContain('hk_');
    expect(answer.body).toMatchObject({ status: 400, code: 'IDEMPOTENCY.NOT_SUPPORTED' });
  });

  it('keeps the operator in: the last usable admin key cannot be revoked, but it can be rotated', async () => {
    const bootstrap = (await probe(admin)).body;
    expect(bootstrap).toMatchObject({ role: 'admin', issuedBy: 'bootstrap' });
    const refused = await api.call('POST', `/api-keys/${bootstrap.keyId}/revoke`, { key: admin, body: {} });
    expect(refused.body).toMatchObject({ status: 409, code: 'API_KEY.LAST_ADMIN' });

    const rotated = await api.call('POST', `/api-keys/${bootstrap.keyId}/rotate`, { key: admin, body: { graceSeconds: 0 } });
    expect(rotated.status).toBe(201);
    expect((await probe(admin)).body).toMatchObject({ code: 'AUTH.API_KEY_EXPIRED' });
    admin = rotated.body.apiKey;
    expect((await probe(admin)).body).toMatchObject({ role: 'admin', replaces: bootstrap.keyId });
  });
});
