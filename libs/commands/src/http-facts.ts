import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { ACTOR_PROPERTY } from '@handoff/shared/auth';
import type { HttpCommandFacts } from './http-commands';

/**
 * Who, why and when of this request, for the command: the guard's actor, the headers, the body's
 * `occurredAt`; and, for the edge (idempotency, the reported position), the reply and the status the endpoint answers with.
 */
export const Facts = createParamDecorator((_: unknown, context: ExecutionContext): HttpCommandFacts => {
  const http = context.switchToHttp();
  const request = http.getRequest();
  const occurredAt = typeof request.body?.occurredAt === 'string' ? request.body.occurredAt : undefined;
  const successStatus: number = Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) ?? (request.method === 'POST' ? 201 : 200);
  return { actor: request[ACTOR_PROPERTY], request, reply: http.getResponse(), successStatus, occurredAt };
});
