import * as diagnosticsChannel from 'node:diagnostics_channel';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { presentedKeyDigest } from '@handoff/shared/auth';
import type { HttpEdgeConfig } from '@handoff/shared';
import { PROBLEM_CONTENT_TYPE, problemDetails } from './problem-details';

export type RateLimitName = 'api-key' | 'address';

/** Published on every request refused 429 (`{ limit, method, url }`): the hook for a rate-limit-hits metric. */
export const RATE_LIMITED_CHANNEL = 'handoff:http.rate-limited';
const rateLimited = diagnosticsChannel.channel(RATE_LIMITED_CHANNEL);

/** Calls `listener` for every request refused by a rate limit, in this process; returns the unsubscribe. */
export function onRateLimited(listener: (hit: { limit: RateLimitName; method: string; url: string }) => void): () => void {
  const onMessage = (message: unknown) => listener(message as { limit: RateLimitName; method: string; url: string });
  diagnosticsChannel.subscribe(RATE_LIMITED_CHANNEL, onMessage);
  return () => diagnosticsChannel.unsubscribe(RATE_LIMITED_CHANNEL, onMessage);
}

// Keys are counted by digest (the one the guard looks the key up by): the store never holds a secret, and an 8 KB junk key costs 64 bytes.
const keyBucket = (request: FastifyRequest) => presentedKeyDigest(request)!;

/**
 * Fixed-window request limits per client address (IPv6 per /64) and per presented API key, counted
 * by @fastify/rate-limit's in-memory store (per process: N API instances allow N times the limit).
 * Runs on every route before the body is read; an unknown key is counted like any other (the
 * address limit bounds guessing). Over a limit: 429 Problem Details with Retry-After in seconds.
 */
export async function installRateLimits(fastify: FastifyInstance, limits: HttpEdgeConfig['rateLimits'], onRefused: (limit: RateLimitName, code: string) => void = () => {}): Promise<void> {
  if (limits.perAddress === 0 && limits.perApiKey === 0) return;
  await fastify.register(rateLimit, { global: false });
  const timeWindow = limits.windowSeconds * 1000;
  const byAddress = limits.perAddress > 0 ? fastify.createRateLimit({ max: limits.perAddress, timeWindow }) : undefined;
  const byKey = limits.perApiKey > 0 ? fastify.createRateLimit({ max: limits.perApiKey, timeWindow, keyGenerator: keyBucket }) : undefined;

  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const address = byAddress && (await byAddress(request));
    if (address && !address.isAllowed && address.isExceeded) return refuse(request, reply, 'address', address.ttlInSeconds, limits, onRefused);
    if (!byKey || presentedKeyDigest(request) === undefined) return;
    const key = await byKey(request);
    if (!key.isAllowed && key.isExceeded) return refuse(request, reply, 'api-key', key.ttlInSeconds, limits, onRefused);
  });
}

function refuse(
  request: FastifyRequest,
  reply: FastifyReply,
  limit: RateLimitName,
  retryAfterSeconds: number,
  limits: HttpEdgeConfig['rateLimits'],
  onRefused: (limit: RateLimitName, code: string) => void,
): FastifyReply {
  if (rateLimited.hasSubscribers) rateLimited.publish({ limit, method: request.method, url: request.url });
  const code = limit === 'address' ? 'RATE_LIMIT.ADDRESS' : 'RATE_LIMIT.API_KEY';
  onRefused(limit, code);
  const max = limit === 'address' ? limits.perAddress : limits.perApiKey;
  const who = limit === 'address' ? 'this client address' : 'this API key';
  const problem = problemDetails(429, code, `More than ${max} requests from ${who} in ${limits.windowSeconds} s; retry after ${retryAfterSeconds} s.`, request.url, {
    retryAfterSeconds,
  });
  return reply.code(429).header('retry-after', String(retryAfterSeconds)).header('content-type', PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}
