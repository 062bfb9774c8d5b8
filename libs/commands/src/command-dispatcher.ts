import { HttpException, Injectable } from '@nestjs/common';
import { AggregateRepository, type CommandContext, ConcurrencyConflictError } from '@handoff/eventstore';
import { type Command, DomainError, type DomainEvent } from '@handoff/kernel';
import { type CommandOutcome, Metrics } from '@handoff/shared';
import { CommandHandling, CommandNotAllowedError, CommandNotHandledError, type CommandOutcomeData } from './command-handling';

/** A registry holds every context's handlings, whatever their types. */
type AnyHandling = CommandHandling<any, any, any, DomainEvent>;

/**
 * The one way a command is executed, whoever issues it: an HTTP route, a reaction, the CLI, a test
 * (ADR 0016). Contexts register their handlings; `dispatch` authorizes by role, then reads, folds,
 * decides and appends through the aggregate repository, which retries lost races and skips a repeat
 * of an idempotency key (ADR 0017). Each command is counted and timed by type and outcome.
 */
@Injectable()
export class CommandDispatcher {
  private readonly handlings = new Map<string, AnyHandling>();

  constructor(
    private readonly repository: AggregateRepository,
    private readonly metrics: Metrics,
  ) {}

  register(...handlings: AnyHandling[]): this {
    for (const handling of handlings) {
      if (this.handlings.has(handling.type)) throw new Error(`command ${handling.type} is handled twice`);
      this.handlings.set(handling.type, handling);
    }
    return this;
  }

  handles(type: string): boolean {
    return this.handlings.has(type);
  }

  /** The stream `command` would be decided on (a reaction runs commands on one stream in order). */
  streamOf(command: Command): string {
    return this.handlingOf(command).streamOf(command);
  }

  private handlingOf(command: Command): AnyHandling {
    const handling = this.handlings.get(command.type);
    if (!handling) throw new CommandNotHandledError(command.type);
    return handling;
  }

  async dispatch(command: Command): Promise<CommandOutcomeData> {
    const started = performance.now();
    let outcome: CommandOutcome = 'failed';
    try {
      const result = await this.execute(command);
      outcome = result.repeated ? 'replayed' : 'ok';
      return result;
    } catch (error) {
      outcome = failureOutcome(error);
      throw error;
    } finally {
      this.metrics.recordCommand(command.type, outcome, (performance.now() - started) / 1000);
    }
  }

  private async execute(command: Command): Promise<CommandOutcomeData> {
    const handling = this.handlingOf(command);
    if (!handling.roles.includes(command.metadata.actor.role)) throw new CommandNotAllowedError(command.type, command.metadata.actor.role);
    const streamName = handling.streamOf(command);
    const decided = await this.repository.handleCommand(handling.decider, streamName, (state) => handling.toDomain(command, state), contextOf(command));
    const revision = decided.nextExpectedRevision;
    return {
      type: command.type,
      streamName,
      revision: typeof revision === 'bigint' ? Number(revision) : -1,
      recorded: decided.events.map((event) => event.type),
      repeated: decided.repeated === true,
      ...(decided.position ? { position: decided.position } : {}),
      created: handling.created?.(command) ?? {},
    };
  }
}

/** The event metadata's who and why, from the command's. */
export function contextOf({ metadata }: Command): CommandContext {
  return {
    correlationId: metadata.correlationId,
    causationId: metadata.causationId,
    actor: { kind: metadata.actor.role, id: metadata.actor.id },
    ...(metadata.occurredAt === undefined ? {} : { occurredAt: metadata.occurredAt }),
    ...(metadata.idempotencyKey === undefined ? {} : { idempotencyKey: metadata.idempotencyKey }),
  };
}

/** How a command that threw is counted: `refused` for a named refusal (domain rule, lost race, role, a 4xx from a lookup), else `failed`. */
export function failureOutcome(error: unknown): CommandOutcome {
  return isRefusal(error) ? 'refused' : 'failed';
}

function isRefusal(error: unknown): boolean {
  if (error instanceof ConcurrencyConflictError || error instanceof DomainError) return true;
  if (error instanceof HttpException) return error.getStatus() < 500;
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string' && typeof (error as { kind?: unknown }).kind === 'string';
}
