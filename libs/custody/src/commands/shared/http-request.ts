import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ACTOR_PROPERTY } from '@handoff/shared/auth';
import type { RequestFacts } from './custody-edge';

/** Who, why and when of this request, for the command: the guard's actor, the headers, the body's `occurredAt`. */
export const Facts = createParamDecorator((_: unknown, context: ExecutionContext): RequestFacts => {
  const request = context.switchToHttp().getRequest();
  const occurredAt = typeof request.body?.occurredAt === 'string' ? request.body.occurredAt : undefined;
  return { actor: request[ACTOR_PROPERTY], request, occurredAt };
});
