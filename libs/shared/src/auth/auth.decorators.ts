import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { AuthenticatedActor, Role } from './actor';

export const ROLES_KEY = 'handoff:roles';
export const PUBLIC_KEY = 'handoff:public';

/** Only callers with one of these roles get past the guard (403 otherwise). Every endpoint names its roles. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** No API key needed (health, API docs). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The request property the guard fills in. */
export const ACTOR_PROPERTY = 'handoffActor';

/** The authenticated caller, as the guard found them. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): AuthenticatedActor => {
  return context.switchToHttp().getRequest()[ACTOR_PROPERTY];
});
