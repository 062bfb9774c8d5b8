import type { DynamicModule, LoggerService, NestApplicationOptions } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { describeRequestDtosForOpenApi } from '@handoff/shared/http';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, type ProblemDetails, problemType } from './http/problem-details';

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
 * Fastify as the API uses it: errors Fastify answers before Nest sees the request (a path that is
 * not valid percent-encoded UTF-8, an over-long parameter) become Problem Details too.
 */
export function createFastifyAdapter(): FastifyAdapter {
  return new FastifyAdapter({
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const code = 'REQUEST.MALFORMED';
      const problem: ProblemDetails = { type: problemType(code), title: 'Bad Request', status: 400, detail: error.message, instance: request.url, code };
      void reply.status(400).header('content-type', PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
    },
  });
}

/**
 * Only Fastify's own JSON parser reads bodies: Nest's default parsers would also accept
 * urlencoded forms, and commands take JSON only (anything else is answered 415, mapped to 400).
 */
export const HTTP_APP_OPTIONS: NestApplicationOptions = { bodyParser: false };

/** Builds the Nest app on Fastify with the API docs mounted, ready to init or listen. */
export async function createHttpApp(root: DynamicModule, options: { logger: LoggerService | false }): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(root, createFastifyAdapter(), { ...HTTP_APP_OPTIONS, logger: options.logger });
  mountApiDocs(app);
  return app;
}

/** Builds and starts a Nest app on Fastify; port 0 picks a free one (tests). */
export async function listenHttp(
  root: DynamicModule,
  options: { port: number; host?: string; logger: LoggerService },
): Promise<{ app: NestFastifyApplication; url: string }> {
  const app = await createHttpApp(root, options);
  await app.listen(options.port, options.host ?? '0.0.0.0');
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return { app, url: `http://127.0.0.1:${port}` };
}
