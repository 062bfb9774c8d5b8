import { randomUUID } from 'node:crypto';
import type { CommandContext } from '@handoff/eventstore';
import { type AuthenticatedActor, metadataActor } from '../auth/actor';

export const CORRELATION_HEADER = 'x-correlation-id';
const SAFE_ID = /^[A-Za-z0-9._:@-]{1,128}$/;

interface RequestLike {
  headers: Record<string, string | string[] | undefined>;
  id?: string;
  handoffCausationId?: string;
}

/**
 * Who and why for the commands of one HTTP request: the caller's correlation id (`X-Correlation-Id`
 * when it is a sane identifier, else a new one), a causation id naming this request, and the actor.
 */
export function commandContext(request: RequestLike, actor: AuthenticatedActor, occurredAt?: string): CommandContext {
  const header = request.headers[CORRELATION_HEADER];
  const given = Array.isArray(header) ? header[0] : header;
  request.handoffCausationId ??= `http-${randomUUID()}`;
  const correlationId = given && SAFE_ID.test(given) ? given : request.handoffCausationId;
  return { correlationId, causationId: request.handoffCausationId, actor: metadataActor(actor), ...(occurredAt ? { occurredAt } : {}) };
}
