import { requestIds } from './request-context';

describe('requestIds', () => {
  it("names the request once, and takes the caller's correlation id when it is a sane identifier", () => {
    const request = { headers: { 'x-correlation-id': 'order-42' } };
    const first = requestIds(request);
    expect(first).toEqual({ requestId: expect.stringMatching(/^http-[0-9a-f-]{36}$/), correlationId: 'order-42' });
    expect(requestIds(request)).toEqual(first);
  });

  it.each([['has spaces'], ['line\nbreak'], ['x'.repeat(129)], ['']])('falls back to the request id for a correlation id like %j', (given) => {
    const { requestId, correlationId } = requestIds({ headers: { 'x-correlation-id': given } });
    expect(correlationId).toBe(requestId);
  });
});
