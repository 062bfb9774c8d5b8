import type { DynamicModule, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** Mounts the OpenAPI document (`/docs-json`) and its UI (`/docs`). */
export function mountApiDocs(app: NestFastifyApplication): void {
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

/** Builds the Nest app on Fastify with the API docs mounted, ready to init or listen. */
export async function createHttpApp(root: DynamicModule, options: { logger: LoggerService | false }): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(root, new FastifyAdapter(), { logger: options.logger });
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
