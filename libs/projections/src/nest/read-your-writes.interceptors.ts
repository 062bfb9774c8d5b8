import { applyDecorators, BadRequestException, CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata, UseInterceptors } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AllPosition } from '@handoff/eventstore';
import { from, Observable, switchMap, map } from 'rxjs';
import { formatPosition, InvalidPositionError, parsePosition } from '../definition/position';
import { ReadYourWrites } from '../consistency/read-your-writes';
import { POSITION_HEADER, READS_PROJECTIONS } from './tokens';

interface HttpRequestLike {
  headers: Record<string, string | string[] | undefined>;
  query?: Record<string, unknown>;
}

interface HttpReplyLike {
  header(name: string, value: string): unknown;
}

/**
 * On a query endpoint: when the request carries a position (`X-Handoff-Position` header or
 * `?position=`), answer only once the named projections have passed it; 503 with their lag
 * (ProjectionLagError) when they have not within the timeout. Without a position, answer at once.
 */
export const ReadsProjections = (...projections: string[]) => applyDecorators(SetMetadata(READS_PROJECTIONS, projections), UseInterceptors(ReadYourWritesInterceptor));

/**
 * On a command endpoint returning `{ position?: AllPosition, ... }`: the position goes out in the
 * `X-Handoff-Position` header and, as a string, in the body, for the client's next queries.
 */
export const ReportsPosition = () => UseInterceptors(CommandPositionInterceptor);

@Injectable()
export class ReadYourWritesInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const projections = this.reflector.getAllAndOverride<string[] | undefined>(READS_PROJECTIONS, [context.getHandler(), context.getClass()]) ?? [];
    const position = requestedPosition(context.switchToHttp().getRequest<HttpRequestLike>());
    if (!position || projections.length === 0) return next.handle();
    return from(this.readYourWrites.waitFor(position, projections)).pipe(switchMap(() => next.handle()));
  }
}

@Injectable()
export class CommandPositionInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const reply = context.switchToHttp().getResponse<HttpReplyLike>();
    return next.handle().pipe(
      map((body: unknown) => {
        const position = (body as { position?: AllPosition } | undefined)?.position;
        if (!position || typeof position !== 'object') return body;
        const wire = formatPosition(position);
        reply.header(POSITION_HEADER, wire);
        return { ...(body as object), position: wire };
      }),
    );
  }
}

function requestedPosition(request: HttpRequestLike): AllPosition | undefined {
  const header = request.headers[POSITION_HEADER];
  const text = (Array.isArray(header) ? header[0] : header) ?? (typeof request.query?.position === 'string' ? request.query.position : undefined);
  if (text === undefined || text === '') return undefined;
  try {
    return parsePosition(text);
  } catch (error) {
    if (error instanceof InvalidPositionError) throw new BadRequestException({ code: error.code, message: error.message });
    throw error;
  }
}
