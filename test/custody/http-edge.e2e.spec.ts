import { Metrics } from '@handoff/shared';
import * as net from 'node:net';
import { onRateLimited } from '../../apps/api/src/http/rate-limits';
import { CustodyApi, startCustodyApi } from './support/custody-api.fixture';

jest.setTimeout(60_000);

/**
 * What reaches the API before any controller: answers Node and Fastify give on their own
 * (headers too large, not HTTP, too slow, too many), and the headers every answer carries.
 */

/** Writes `chunks` to a raw connection, `gapMs` apart, and collects what the server answers until it closes. */
async function rawExchange(url: string, chunks: string[], gapMs = 0): Promise<{ text: string; closedAfterMs: number }> {
  const { hostname, port } = new URL(url);
  const socket = net.connect(Number(port), hostname);
  const started = Date.now();
  let text = '';
  socket.on('data', (chunk) => (text += chunk.toString('utf8')));
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  socket.on('error', () => undefined);
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  const writing = (async () => {
    for (const chunk of chunks) {
      if (socket.destroyed) return;
      socket.write(chunk);
      if (gapMs) await new Promise((resolve) => setTimeout(resolve, gapMs));
    }
  })();
  await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 15_000))]);
  socket.destroy();
  await writing;
  return { text, closedAfterMs: Date.now() - started };
}

const parseRaw = (text: string) => {
  const [head = '', body = ''] = text.split('\r\n\r\n');
  const [statusLine = '', ...headerLines] = head.split('\r\n');
  const headers = Object.fromEntries(headerLines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
  return { status: Number(statusLine.split(' ')[1]), headers, body: body ? JSON.parse(body) : undefined };
};

describe('the HTTP edge', () => {
  let api: CustodyApi;

  beforeAll(async () => {
    api = await startCustodyApi({ env: { HTTP_HEADERS_TIMEOUT_MS: '600', HTTP_REQUEST_TIMEOUT_MS: '1200' } });
  });

  afterAll(async () => {
    await api?.dispose();
  });

  describe('every 4xx is Problem Details, whoever answers it', () => {
    it('headers too large (431, answered by Node itself)', async () => {
      const answer = await api.call('GET', '/parcels', { key: api.adminKey, headers: { 'x-padding': 'a'.repeat(20_000) } });
      expect(answer.status).toBe(431);
      expect(answer.headers.get('content-type')).toBe('application/problem+json');
      expect(answer.body).toMatchObject({ status: 431, title: 'Request Header Fields Too Large', code: 'REQUEST.HEADERS_TOO_LARGE', detail: expect.stringContaining('16384') });
    });

    it.each([
      ['a request line that is not HTTP', 'HELLO THERE\r\n\r\n'],
      ['a header line without a colon', 'GET /health HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n'],
      ['both Content-Length and chunked', 'POST /retailers HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}'],
      ['an unparseable Content-Length', 'POST /retailers HTTP/1.1\r\nHost: x\r\nContent-Length: ten\r\n\r\n'],
      ['a content type with a control character', 'POST /retailers HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\x01\r\nContent-Length: 2\r\n\r\n{}'],
    ])('%s (400, answered by Node itself)', async (_what, raw) => {
      const answer = parseRaw((await rawExchange(api.url, [raw])).text);
      expect(answer).toMatchObject({
        status: 400,
        headers: { 'content-type': 'application/problem+json', 'x-content-type-options': 'nosniff' },
        body: { status: 400, code: 'REQUEST.MALFORMED_HTTP' },
      });
    });

    it.each([
      ['an unknown route', 'GET', '/nowhere', undefined, 404],
      ['a method the route does not have', 'PATCH', '/retailers', undefined, 404],
      ['a docs file that does not exist', 'GET', '/docs/nope.js', undefined, 404],
      ['a DELETE where only GET and POST exist', 'DELETE', '/parcels', undefined, 404],
      ['a path that is not UTF-8', 'GET', '/parcels/%E0%A4%A', undefined, 400],
      ['malformed JSON', 'POST', '/retailers', { raw: '{"displayName":', contentType: 'application/json' }, 400],
      ['a malformed content type', 'POST', '/retailers', { raw: '{}', contentType: 'application/json; ;;=' }, 400],
      ['a content type without a parser', 'POST', '/retailers', { raw: '<x/>', contentType: 'text/xml' }, 400],
      ['an empty JSON body', 'POST', '/retailers', { raw: '', contentType: 'application/json' }, 400],
      ['a body too large', 'POST', '/retailers', { raw: JSON.stringify({ displayName: 'x'.repeat(70_000) }), contentType: 'application/json' }, 413],
    ] as const)('%s', async (_what, method, path, body, status) => {
      const answer = await api.call(method, path, { key: api.adminKey, ...(body ?? {}) });
      expect(answer.status).toBe(status);
      expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(answer.body).toMatchObject({ status, type: expect.stringMatching(/^https:\/\/handoff\.dev\/problems\//), code: expect.any(String), detail: expect.any(String) });
    });
  });

  describe('slow clients are cut off', () => {
    it('a client that trickles its headers gets 408 and a closed connection once the headers timeout passes', async () => {
      const trickle = ['GET /health HTTP/1.1\r\n', 'Host: x\r\n', ...Array.from({ length: 40 }, (_, i) => `X-Slow-${i}: 1\r\n`), '\r\n'];
      const { text, closedAfterMs } = await rawExchange(api.url, trickle, 100);
      expect(parseRaw(text)).toMatchObject({ status: 408, headers: { 'content-type': 'application/problem+json' }, body: { code: 'REQUEST.TIMEOUT' } });
      // 600 ms timeout, checked every 600 ms: cut within ~1.2 s, long before the 4 s the trickle would take.
      expect(closedAfterMs).toBeLessThan(2_500);
    });

    it('a client that trickles its body is cut off once the request timeout passes', async () => {
      const head = `POST /retailers HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${api.adminKey}\r\nContent-Type: application/json\r\nContent-Length: 60\r\n\r\n`;
      const { text, closedAfterMs } = await rawExchange(api.url, [head, ...'{"displayName":"a slow body that never quite arrives in time"}'.split('')], 100);
      expect(parseRaw(text)).toMatchObject({ status: 408, body: { code: 'REQUEST.TIMEOUT' } });
      expect(closedAfterMs).toBeLessThan(3_500);
    });

    it('an idle keep-alive connection is not mistaken for a slow one', async () => {
      const socket = net.connect(Number(new URL(api.url).port), '127.0.0.1');
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString('utf8')));
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      const get = async () => {
        text = '';
        socket.write('GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
        while (!/\r\n\r\n[\s\S]*\}$/.test(text)) await new Promise((resolve) => setTimeout(resolve, 20));
        return Number(text.split(' ')[1]);
      };
      expect(await get()).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect(await get()).toBe(200);
      socket.destroy();
    });
  });

  describe('response headers', () => {
    it('nosniff on every answer; no-store on every answer but the public docs', async () => {
      const answers = {
        health: await api.call('GET', '/health'),
        list: await api.call('GET', '/parcels', { key: api.adminKey }),
        issuedKey: await api.call('POST', '/api-keys', { key: api.adminKey, body: { role: 'auditor', participantId: 'audit-1' } }),
        unauthenticated: await api.call('GET', '/parcels/p-1'),
        missingRoute: await api.call('GET', '/nowhere'),
        invalid: await api.call('POST', '/retailers', { key: api.adminKey, body: { displayName: 7 } }),
      };
      for (const [name, answer] of Object.entries(answers)) {
        expect([name, answer.headers.get('x-content-type-options'), answer.headers.get('cache-control')]).toEqual([name, 'nosniff', 'no-store']);
      }
      const docs = await api.call('GET', '/docs-json');
      expect([docs.status, docs.headers.get('x-content-type-options'), docs.headers.get('cache-control')]).toEqual([200, 'nosniff', null]);
    });
  });
});

describe('rate limits', () => {
  let api: CustodyApi;
  const hits: string[] = [];
  let stopListening: () => void;

  beforeAll(async () => {
    api = await startCustodyApi({ env: { RATE_LIMIT_PER_API_KEY: '5', RATE_LIMIT_PER_ADDRESS: '12', RATE_LIMIT_WINDOW_SECONDS: '60' } });
    stopListening = onRateLimited((hit) => hits.push(`${hit.limit} ${hit.method} ${hit.url}`));
  });

  afterAll(async () => {
    stopListening?.();
    await api?.dispose();
  });

  it('refuses a key past its limit with 429 Problem Details and Retry-After, then the address past its own', async () => {
    const auditorKey = (await api.call('POST', '/api-keys', { key: api.adminKey, body: { role: 'auditor', participantId: 'audit-1' } })).body.apiKey;
    const auditor = [];
    for (let i = 0; i < 6; i++) auditor.push(await api.call('GET', '/parcels?limit=1', { key: auditorKey }));
    expect(auditor.slice(0, 5).map((answer) => answer.status)).not.toContain(429);
    const refused = auditor[5]!;
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(refused.body).toMatchObject({ status: 429, code: 'RATE_LIMIT.API_KEY', detail: expect.stringContaining('5 requests'), instance: '/parcels?limit=1' });

    // Another key is not held back by the first one's limit (7 requests from this address so far).
    expect((await api.call('GET', '/parcels?limit=1', { key: api.adminKey })).status).not.toBe(429);
    const anonymous = [];
    for (let i = 0; i < 5; i++) anonymous.push(await api.call('GET', '/health'));
    expect(anonymous.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 429]);
    expect(anonymous[4]!.body).toMatchObject({ code: 'RATE_LIMIT.ADDRESS', detail: expect.stringContaining('12 requests') });
    expect(anonymous[4]!.headers.get('retry-after')).toMatch(/^\d+$/);

    expect(hits).toEqual(['api-key GET /parcels?limit=1', 'address GET /health']);
    // Answered before Nest's filter, yet counted on /metrics: by limit, and as refusals by code.
    const exposition = await api.app.get(Metrics, { strict: false }).registry.metrics();
    expect(exposition).toContain('handoff_rate_limit_hits_total{limit="api-key"} 1');
    expect(exposition).toContain('handoff_rate_limit_hits_total{limit="address"} 1');
    expect(exposition).toContain('handoff_refusals_total{code="RATE_LIMIT.API_KEY"} 1');
    expect(exposition).toContain('handoff_refusals_total{code="RATE_LIMIT.ADDRESS"} 1');
  });
});
