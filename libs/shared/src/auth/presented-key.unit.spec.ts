import { presentedKeyDigest } from './api-key.guard';
import { hashApiKey } from './api-key.store';

describe('presentedKeyDigest', () => {
  it('is the digest the key store looks the key up by, whichever header carries the key', () => {
    const key = 'hk_abc';
    expect(presentedKeyDigest({ headers: { authorization: `Bearer ${key}` } })).toBe(hashApiKey(key));
    expect(presentedKeyDigest({ headers: { 'x-api-key': key } })).toBe(hashApiKey(key));
    expect(presentedKeyDigest({ headers: { authorization: 'Bearer hk_other' } })).not.toBe(hashApiKey(key));
  });

  it('is undefined for a request that presents no key, asked once or twice', () => {
    const request = { headers: { authorization: 'Basic dXNlcg==' } };
    expect(presentedKeyDigest(request)).toBeUndefined();
    expect(presentedKeyDigest(request)).toBeUndefined();
  });

  it('is worked out once per request: the rate limiter and the guard count and look up the same key', () => {
    const request = { headers: { authorization: 'Bearer hk_first' } as Record<string, string> };
    const first = presentedKeyDigest(request);
    request.headers.authorization = 'Bearer hk_second';
    expect(presentedKeyDigest(request)).toBe(first);
  });
});
