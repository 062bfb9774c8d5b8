import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ConcurrencyConflictError, LedgerTamperedError } from '@handoff/eventstore';
import { ProjectionLagError, UnknownReadModelError } from '@handoff/projections';
import { Metrics } from '@handoff/shared';
import { RequestValidationError, requestIds } from '@handoff/shared/http';
import { MAX_BODY_BYTES } from './json-body-parser';
import { PROBLEM_CONTENT_TYPE, ProblemDetails, problemDetails } from './problem-details';

const KIND_STATUS: Record<string, number> = { 'not-found': 404, conflict: 409, 'rule-broken': 422, forbidden: 403 };

/** Codes for errors Nest or Fastify raise before a handler runs, by status. */
const HTTP_CODES: Record<number, string> = {
  400: 'REQUEST.MALFORMED',
  401: 'AUTH.UNAUTHENTICATED',
  403: 'AUTH.FORBIDDEN',
  404: 'ROUTE.NOT_FOUND',
  405: 'ROUTE.METHOD_NOT_ALLOWED',
  409: 'REQUEST.CONFLICT',
  413: 'REQUEST.TOO_LARGE',
  415: 'REQUEST.UNSUPPORTED_CONTENT_TYPE',
  422: 'REQUEST.UNPROCESSABLE',
  503: 'SERVICE.UNAVAILABLE',
};

interface DomainErrorLike {
  code: string;
  kind: string;
  message: string;
}

/** Any context's refusal (custody's DomainError and its successors): a string code and a known kind. */
const isDomainError = (error: unknown): error is DomainErrorLike =>
  error instanceof Error && typeof (error as { code?: unknown }).code === 'string' && ((error as { kind?: unknown }).kind as string) in KIND_STATUS;

/**
 * The one place where a failure becomes an HTTP answer, always RFC 9457 Problem Details
 * (`application/problem+json`). Domain refusals by kind (not-found 404, conflict 409,
 * rule-broken 422), lost races 409, invalid input 400 with the fields named, Fastify's own
 * errors (bad JSON, wrong content type) by their status, unknown routes 404, and anything else
 * 500 with a generic detail — logged, never shown.
 */
@Catch()
export class ProblemDetailsHttpFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  constructor(private readonly metrics: Metrics) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<{ url?: string; method?: string; headers: Record<string, string | string[] | undefined> }>();
    const reply = http.getResponse<{ status(code: number): unknown; header(name: string, value: string): unknown; send(body: string): unknown; sent?: boolean }>();
    const problem = this.toProblem(error, request);
    if (problem.status < 500) this.metrics.refusals.inc({ code: problem.code });
    if (reply.sent) return;
    reply.status(problem.status);
    reply.header('content-type', PROBLEM_CONTENT_TYPE);
    reply.send(JSON.stringify(problem));
  }

  private toProblem(error: unknown, request: { url?: string; method?: string; headers: Record<string, string | string[] | undefined> }): ProblemDetails {
    const instance = request.url ?? '/';
    // Logged with the request's ids (never its body) so an operator can find the request and its events.
    const about = () => ({ method: request.method, url: instance, ...requestIds(request) });
    const make = (status: number, code: string, detail: string, extra: Record<string, unknown> = {}): ProblemDetails => problemDetails(status, code, detail, instance, extra);
    if (error instanceof RequestValidationError) return make(400, error.code, error.message.replace(/^Invalid request: /, 'Invalid request: '), { errors: error.errors });
    if (error instanceof ConcurrencyConflictError) return make(409, error.code, error.message);
    // Read-your-writes: the read models have not reached the client's position in time (never stale data as current).
    if (error instanceof ProjectionLagError) return make(503, error.code, error.message, { position: error.position, waitedMs: error.waitedMs, lagging: error.lagging });
    // No active collection yet: the projector has not registered that projection (not started yet).
    if (error instanceof UnknownReadModelError) return make(503, error.code, error.message);
    // Not the caller's fault and nothing changed; the alarm was raised where it was found (ADR 0012).
    if (error instanceof LedgerTamperedError) {
      return make(503, error.code, "The ledger's record this request needs fails its integrity check, so nothing was decided on it. Operators have been alerted.");
    }
    if (isDomainError(error)) return make(KIND_STATUS[error.kind], error.code, error.message);
    if (error instanceof HttpException) {
      let status = error.getStatus();
      const response = error.getResponse();
      const body = typeof response === 'object' && response !== null ? (response as Record<string, unknown>) : {};
      // Fastify answers an unsupported content type with 415; a client's bad request is 400 here.
      if (status === 415) status = 400;
      const code = typeof body.code === 'string' ? body.code : (HTTP_CODES[error.getStatus()] ?? `HTTP.${status}`);
      let detail = typeof body.message === 'string' ? body.message : Array.isArray(body.message) ? body.message.join('; ') : error.message;
      if (status === 413) detail = `The request body is larger than the ${MAX_BODY_BYTES} bytes the API accepts.`;
      if (status >= 500) {
        this.logger.error({ msg: 'server error', ...about(), error: describe(error) });
        return make(status, code, status === 503 ? detail : 'The server failed to answer this request.');
      }
      return make(status, code, detail);
    }
    this.logger.error({ msg: 'unexpected error', ...about(), error: describe(error) });
    return make(HttpStatus.INTERNAL_SERVER_ERROR, 'SERVER.UNEXPECTED', 'The server failed to answer this request; it has been logged.');
  }
}

const describe = (error: unknown) => (error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : { value: String(error) });
