import type { DynamicModule, LoggerService, NestApplicationOptions } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { describeRequestDtosForOpenApi } from '@handoff/shared/http';
import { Metrics, type HandoffConfig, type HttpEdgeConfig } from '@handoff/shared';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { answerClientError } from './http/client-errors';
import { MAX_BODY_BYTES, installJsonBodyParser } from './http/json-body-parser';
import { PROBLEM_CONTENT_TYPE, problemDetails } from './http/problem-details';
import { installRateLimits } from './http/rate-limits';
import { installResponseHeaders } from './http/response-headers';

/** Mounts the OpenAPI document (`/docs-json`) and its UI (`/docs`). */
export function mountApiDocs(app: NestFastifyApplication): void {
  describeRequestDtosForOpenApi();
  const config = new DocumentBuilder()
    .setTitle('Handoff API')
    .setDescription('Custody ledger for community last-mile delivery. Errors are RFC 9457 Problem Details (application/problem+json).')
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key' })
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Api-Key' }, 'api-key')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}

/**
 * Fastify as the API uses it. Bodies are bounded (MAX_BODY_BYTES, else 413); a client must send its
 * headers within `headersTimeoutMs` and its whole request within `requestTimeoutMs` (else 408 and
 * the connection is closed: slow clients cannot hold connections open). Errors Fastify or Node
 * answer before Nest sees the request become Problem Details too: a path that is not valid
 * percent-encoded UTF-8 or an over-long parameter (frameworkErrors), headers too large, a timeout,
 * a request that is not HTTP (clientErrorHandler).
 */
export function createFastifyAdapter(http: HttpEdgeConfig): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: MAX_BODY_BYTES,
    requestTimeout: http.requestTimeoutMs,
    // Node checks its timeouts every connectionsCheckingInterval (default 30 s, too coarse for them).
    http: { headersTimeout: http.headersTimeoutMs, requestTimeout: http.requestTimeoutMs, connectionsCheckingInterval: Math.min(1000, http.headersTimeoutMs) },
    clientErrorHandler: answerClientError,
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const problem = problemDetails(400, 'REQUEST.MALFORMED', error.message, request.url);
      void reply.status(400).header('content-type', PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
    },
  });
}

/**
 * Only Fastify's own JSON parser reads bodies: Nest's default parsers would also accept
 * urlencoded forms, and commands take JSON only (anything else is answered 415, mapped to 400).
 */
export const HTTP_APP_OPTIONS: NestApplicationOptions = { bodyParser: false };

/** Everything the API adds to Fastify before its routes: the bounded JSON parser, response headers, rate limits, the docs. */
export async function prepareHttpApp(app: NestFastifyApplication, config: HandoffConfig): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  installJsonBodyParser(fastify);
  installResponseHeaders(fastify);
  // A 429 is answered before Nest's filter sees the request, so it is counted here, by limit and as a refusal.
  const metrics = app.get(Metrics, { strict: false });
  await installRateLimits(fastify, config.http.rateLimits, (limit, code) => {
    metrics.rateLimitHits.inc({ limit });
    metrics.refusals.inc({ code });
  });
  mountApiDocs(app);
}

/** Builds the Nest app on Fastify, prepared (parser, headers, limits, docs), ready to init or listen. */
export async function createHttpApp(root: DynamicModule, options: { config: HandoffConfig; logger: LoggerService | false }): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(root, createFastifyAdapter(options.config.http), { ...HTTP_APP_OPTIONS, logger: options.logger });
  await prepareHttpApp(app, options.config);
  return app;
}

/**
 * Builds and starts the app on the configured HOST and PORT (0 picks a free port). Answers the
 * address actually bound (`0.0.0.0:3000`, `[::1]:3000`) and a URL to reach it from this machine
 * (loopback when bound to every interface).
 */
export async function listenHttp(root: DynamicModule, options: { config: HandoffConfig; logger: LoggerService }): Promise<{ app: NestFastifyApplication; url: string; address: string }> {
  const app = await createHttpApp(root, options);
  await app.listen(options.config.port, options.config.host);
  const bound = app.getHttpServer().address();
  if (!bound || typeof bound === 'string') throw new Error(`the API is not listening on a TCP port (${String(bound)})`);
  const hostPart = (host: string) => (bound.family === 'IPv6' ? `[${host}]` : host);
  const reachable = bound.address === '0.0.0.0' ? '127.0.0.1' : bound.address === '::' ? '::1' : bound.address;
  return { app, url: `http://${hostPart(reachable)}:${bound.port}`, address: `${hostPart(bound.address)}:${bound.port}` };
}
