import { HttpException, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ConcurrencyConflictError } from '@handoff/eventstore';
import { reportPosition } from '@handoff/projections';
import { type CommandOutcome, Metrics } from '@handoff/shared';
import { IdempotentRequests } from '@handoff/shared/http';
import type { RequestFacts } from './custody-edge';

/**
 * Every command endpoint's way in: the command runs on the bus at most once per Idempotency-Key,
 * and its `$all` position goes back in `X-Handoff-Position` for read-your-writes. Explicit calls
 * rather than Nest interceptors: see libs/projections/src/nest/read-your-writes.http.ts for the
 * measured cost of those on this path. Each command is counted and timed here (`/metrics`).
 */
@Injectable()
export class CommandGateway {
  constructor(
    private readonly bus: CommandBus,
    private readonly idempotency: IdempotentRequests,
    private readonly metrics: Metrics,
  ) {}

  async execute<Result>(command: { readonly facts: RequestFacts }): Promise<Result> {
    const { facts } = command;
    const started = performance.now();
    let ran = false;
    let outcome: CommandOutcome = 'failed';
    try {
      const result = await this.idempotency.run(facts, async () => {
        ran = true;
        return reportPosition(facts.reply, await this.bus.execute<typeof command, Result>(command));
      });
      outcome = ran ? 'ok' : 'replayed';
      return result;
    } catch (error) {
      outcome = isRefusal(error) ? 'refused' : 'failed';
      throw error;
    } finally {
      this.metrics.recordCommand(commandType(command), outcome, (performance.now() - started) / 1000);
    }
  }
}

const TYPES = new WeakMap<object, string>();

/** `AcceptHandoffCommand` → `AcceptHandoff`: a bounded label, one per command class. */
function commandType(command: object): string {
  const constructor = command.constructor;
  let type = TYPES.get(constructor);
  if (type === undefined) {
    type = constructor.name.replace(/Command$/, '') || 'unknown';
    TYPES.set(constructor, type);
  }
  return type;
}

/** What the Problem Details filter answers 4xx: a named refusal (domain rule, lost race) or a client error. */
function isRefusal(error: unknown): boolean {
  if (error instanceof HttpException) return error.getStatus() < 500;
  if (error instanceof ConcurrencyConflictError) return true;
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string' && typeof (error as { kind?: unknown }).kind === 'string';
}
