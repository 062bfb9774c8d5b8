import type { FastifyInstance } from 'fastify';

const EVERY_ANSWER = { 'x-content-type-options': 'nosniff' } as const;
const DATA_ANSWER = { 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' } as const;
const DOCS = /^\/docs(?:[/?-]|$)/;

/**
 * `X-Content-Type-Options: nosniff` on every answer, so a browser never reads JSON as a script or
 * page; `Cache-Control: no-store` on every answer except the public API docs, so no browser or
 * proxy keeps a copy of what an API key was shown (recipients' names and addresses, custody
 * chains, freshly issued API keys). Static values set in one hook (@fastify/helmet builds its
 * middleware anew on every request: ~15 µs each, measured, for headers this API does not need).
 */
export function installResponseHeaders(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.headers(DOCS.test(request.url) ? EVERY_ANSWER : DATA_ANSWER);
    done();
  });
}
