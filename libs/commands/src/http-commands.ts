import { Inject, Injectable } from '@nestjs/common';
import { parseStreamName } from '@handoff/eventstore';
import type { Command } from '@handoff/kernel';
import { reportPosition } from '@handoff/projections';
import { CLOCK, type Clock } from '@handoff/shared';
import type { AuthenticatedActor } from '@handoff/shared/auth';
import { type HttpCommandExchange, IdempotentRequests, requestIds } from '@handoff/shared/http';
import { CommandDispatcher } from './command-dispatcher';

/** One HTTP command request as the edge sees it: the authenticated caller, the exchange, and the time the body states. */
export interface HttpCommandFacts extends HttpCommandExchange {
  actor: AuthenticatedActor;
  occurredAt?: string;
}

/** What a command endpoint answers: the aggregate, its revision, what was recorded, the `$all` position (also sent as `X-Handoff-Position`), and ids it created. */
export type HttpCommandResult = { id: string; revision: number; recorded: string[]; position?: string } & Record<string, unknown>;

/**
 * The HTTP edge of the one dispatcher (ADR 0016): a route hands it the command's type and data,
 * built from the validated request; the edge adds the metadata (the key's holder, the server clock,
 * the request's correlation and causation ids, the stated time), runs it at most once per
 * Idempotency-Key, and reports the position for read-your-writes. Nothing here decides anything.
 */
@Injectable()
export class HttpCommands {
  constructor(
    private readonly dispatcher: CommandDispatcher,
    private readonly idempotency: IdempotentRequests,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  issue(facts: HttpCommandFacts, type: string, data: object): Promise<HttpCommandResult> {
    const { requestId, correlationId } = requestIds(facts.request as never);
    const { role, participantId, hubId } = facts.actor;
    const command: Command = {
      type,
      data,
      metadata: {
        actor: { role, id: participantId, ...(hubId === undefined ? {} : { hubId }) },
        now: this.clock.nowIso(),
        correlationId,
        causationId: requestId,
        ...(facts.occurredAt === undefined ? {} : { occurredAt: facts.occurredAt }),
      },
    };
    return this.idempotency.run(facts, async () => {
      const outcome = await this.dispatcher.dispatch(command);
      const result = {
        id: parseStreamName(outcome.streamName).id,
        revision: outcome.revision,
        recorded: outcome.recorded,
        ...(outcome.position ? { position: outcome.position } : {}),
        ...outcome.created,
      };
      return reportPosition(facts.reply, result) as HttpCommandResult;
    });
  }
}
