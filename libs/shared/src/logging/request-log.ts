import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CORRELATION_HEADER, requestIds } from '../http/request-context';

export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * Every HTTP request gets a request id (`X-Request-Id`, also the causation id of the events it
 * appends) and a correlation id (the caller's `X-Correlation-Id`, else the request id), both sent
 * back on the answer. Once answered, one `debug` line: method, route pattern (never the query or
 * a body), status, duration and the two ids. Debug, not info: at the custody bench's thousands of
 * commands a second an access log is a reverse proxy's job; `LOG_LEVEL=debug` turns it on.
 * Fastify hooks rather than a Nest interceptor or middleware: the cheapest place on the hot path.
 */
@Injectable()
export class RequestLog implements OnModuleInit {
  private readonly logger = new Logger('HTTP');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    // An application context without HTTP (tests of modules alone) has nothing to log.
    if (typeof fastify?.addHook !== 'function') return;
    fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
      const { requestId, correlationId } = requestIds(request as RequestWithIds);
      void reply.header(REQUEST_ID_HEADER, requestId).header(CORRELATION_HEADER, correlationId);
      done();
    });
    fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
      this.logger.debug({
        msg: 'request answered',
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 10) / 10,
        ...requestIds(request as RequestWithIds),
      });
      done();
    });
  }
}

type RequestWithIds = FastifyRequest & { handoffCausationId?: string };
