import { HttpException, HttpStatus } from '@nestjs/common';
import { IDEMPOTENCY_HEADER } from '@handoff/shared/http';
import type { HttpCommandFacts as RequestFacts } from '@handoff/commands';

/**
 * Issuing and rotating answer a secret, and an idempotent replay would need it stored in clear
 * beside the request: so these endpoints refuse Idempotency-Key rather than ignore it, and a
 * client that lost the answer lists the keys and revokes the one it never received.
 */
export function refuseIdempotencyKey(facts: RequestFacts): void {
  if (facts.request.headers[IDEMPOTENCY_HEADER] === undefined) return;
  throw new HttpException(
    { code: 'IDEMPOTENCY.NOT_SUPPORTED', message: 'This answer carries a new API key, which is never stored, so it cannot be replayed: send it without Idempotency-Key.' },
    HttpStatus.BAD_REQUEST,
  );
}
