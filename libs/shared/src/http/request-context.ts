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
 * The ids of one HTTP request, the same in its log lines and in the metadata of the events it
 * appends: `requestId` names this request (the events' causation id), `correlationId` is the
 * caller's `X-Correlation-Id` when it is a sane identifier, else the request id.
 */
export function requestIds(request: RequestLike): { requestId: string; correlationId: string } {
  const header = request.headers[CORRELATION_HEADER];
  const given = Array.isArray(header) ? header[0] : header;
  const requestId = (request.handoffCausationId ??= `http-${randomUUID()}`);
  return { requestId, correlationId: given && SAFE_ID.test(given) ? given : requestId };
}

/** Who and why for the commands of one HTTP request: its correlation id, a causation id naming this request, and the actor. */
export function commandContext(request: RequestLike, actor: AuthenticatedActor, occurredAt?: string): CommandContext {
  const { requestId, correlationId } = requestIds(request);
  return { correlationId, causationId: requestId, actor: metadataActor(actor), ...(occurredAt ? { occurredAt } : {}) };
}
