import { Inject, Injectable } from '@nestjs/common';
import { parseStreamName } from '@handoff/eventstore';
import type { Command } from '@handoff/kernel';
import { reportPosition } from '@handoff/projections';
import { CLOCK, type Clock, Metrics } from '@handoff/shared';
import type { AuthenticatedActor } from '@handoff/shared/auth';
import { type HttpCommandExchange, IdempotentRequests, requestIds } from '@handoff/shared/http';
import { CommandDispatcher, failureOutcome } from './command-dispatcher';
import type { CommandOutcomeData } from './command-handling';

/** One HTTP command request as the edge sees it: the authenticated caller, the exchange, and the time the body states. */
export interface HttpCommandFacts extends HttpCommandExchange {
  actor: AuthenticatedActor;
  occurredAt?: string;
}

/** What a command endpoint answers: the aggregate, its revision, what was recorded, the `$all` position (also sent as `X-Handoff-Position`), and ids it created. */
export type HttpCommandResult = { id: string; revision: number; recorded: string[]; position?: string } & Record<string, unknown>;

/**
 * A command's data, or how to build it when the route must do work first (seal personal data,
 * generate ids for it): built inside the Idempotency-Key's run, so a replayed request seals and
 * generates nothing again.
 */
export type HttpCommandData<Data extends object = object> = Data | (() => Promise<Data>);

/**
 * The HTTP edge of the one dispatcher (ADR 0016): a route hands it the command's type and data,
 * built from the validated request; the edge adds the metadata (the key's holder, the server clock,
 * the request's correlation and causation ids, the stated time), runs it at most once per
 * Idempotency-Key, and reports the position for read-your-writes. Nothing here decides anything.
 * A request answered without reaching the dispatcher (an Idempotency-Key replay, a request refused
 * while its data was built) is counted here, under the command's type, as the dispatcher counts the rest.
 */
@Injectable()
export class HttpCommands {
  constructor(
    private readonly dispatcher: CommandDispatcher,
    private readonly idempotency: IdempotentRequests,
    private readonly metrics: Metrics,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async issue<C extends Command = Command>(facts: HttpCommandFacts, type: C['type'], data: HttpCommandData<C['data']>): Promise<HttpCommandResult> {
    const started = performance.now();
    let dispatched = false;
    try {
      const result = await this.idempotency.run(facts, async () => {
        const command = this.commandOf(facts, type, typeof data === 'function' ? await data() : data);
        dispatched = true;
        return this.answer(facts, await this.dispatcher.dispatch(command));
      });
      if (!dispatched) this.metrics.recordCommand(type, 'replayed', (performance.now() - started) / 1000);
      return result;
    } catch (error) {
      if (!dispatched) this.metrics.recordCommand(type, failureOutcome(error), (performance.now() - started) / 1000);
      throw error;
    }
  }

  private commandOf(facts: HttpCommandFacts, type: string, data: object): Command {
    const { requestId, correlationId } = requestIds(facts.request as never);
    const { role, participantId, hubId } = facts.actor;
    return {
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
  }

  private answer(facts: HttpCommandFacts, outcome: CommandOutcomeData): HttpCommandResult {
    const result = {
      id: parseStreamName(outcome.streamName).id,
      revision: outcome.revision,
      recorded: outcome.recorded,
      ...(outcome.position ? { position: outcome.position } : {}),
      ...outcome.created,
    };
    return reportPosition(facts.reply, result) as HttpCommandResult;
  }
}
