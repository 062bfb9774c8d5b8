/**
 * Read-your-writes at the HTTP edge: commands report the `$all` position they appended at, and
 * queries carrying it wait for their projections.
 *
 * Neither is a Nest interceptor, on purpose: Nest runs every interceptor through rxjs and binds
 * an async resource per interceptor per request, and on the custody bench that cost ~100 us of
 * CPU per command and promoted enough short-lived garbage to keep the old generation collecting.
 * A guard (for queries) and a plain call (for commands) do the same work without it.
 */
import { applyDecorators, BadRequestException, CanActivate, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AllPosition } from '@handoff/eventstore';
import { formatPosition, InvalidPositionError, parsePosition } from '../definition/position';
import { ReadYourWrites } from '../consistency/read-your-writes';
import { POSITION_HEADER, READS_PROJECTIONS } from './tokens';

interface HttpRequestLike {
  headers: Record<string, string | string[] | undefined>;
  query?: Record<string, unknown>;
}

export interface HttpReplyLike {
  header(name: string, value: string): unknown;
}

/**
 * On a query endpoint: when the request carries a position (`X-Handoff-Position` header or
 * `?position=`), answer only once the named projections have passed it; 503 with their lag
 * (ProjectionLagError) when they have not within the timeout. Without a position, answer at once.
 * Route guards run after the global ones, so only an authenticated caller is kept waiting.
 */
export const ReadsProjections = (...projections: string[]) => applyDecorators(SetMetadata(READS_PROJECTIONS, projections), UseGuards(ReadYourWritesGuard));

@Injectable()
export class ReadYourWritesGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const projections = this.reflector.getAllAndOverride<string[] | undefined>(READS_PROJECTIONS, [context.getHandler(), context.getClass()]) ?? [];
    const position = requestedPosition(context.switchToHttp().getRequest<HttpRequestLike>());
    if (position && projections.length > 0) await this.readYourWrites.waitFor(position, projections);
    return true;
  }
}

/**
 * What a command endpoint answers with: a result carrying `position` (an `$all` position) has it
 * sent in the `X-Handoff-Position` header and, as a string, in the body, for the client's next
 * queries. Anything else is answered as it is.
 */
export function reportPosition<T>(reply: HttpReplyLike, result: T): T {
  const position = (result as { position?: AllPosition } | undefined)?.position;
  if (!position || typeof position !== 'object') return result;
  const wire = formatPosition(position);
  reply.header(POSITION_HEADER, wire);
  return { ...result, position: wire };
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
