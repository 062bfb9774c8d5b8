import { presentedKeyDigest } from './api-key.guard';
import { hashApiKey } from './api-key.store';

describe('hashApiKey', () => {
  it('is the hex SHA-256 of the key, the id stored keys are found by', () => {
    expect(hashApiKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hashApiKey('hk_é')).toBe('01f4d2c9262c94b614a2dd9a2247a8bb5ba2dade85ad6250944d7af2ebbefa47'); // of the UTF-8 bytes
  });
});

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
