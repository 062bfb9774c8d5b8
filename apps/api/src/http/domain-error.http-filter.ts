import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ConcurrencyConflictError } from '@handoff/eventstore';

/**
 * The one place where failures from below the HTTP layer get a status. The domain and the
 * event store throw named errors with codes and never know about HTTP.
 * Bounded contexts add their refusals here as they arrive.
 */
@Catch(ConcurrencyConflictError)
export class DomainErrorHttpFilter implements ExceptionFilter {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(error: ConcurrencyConflictError, host: ArgumentsHost): void {
    const { httpAdapter } = this.adapterHost;
    const response = host.switchToHttp().getResponse();
    httpAdapter.reply(response, { statusCode: HttpStatus.CONFLICT, code: error.code, message: error.message }, HttpStatus.CONFLICT);
  }
}
