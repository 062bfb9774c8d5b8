/**
 * How a context makes a command type decidable (ADR 0016): the stream it is decided on, the decider,
 * who may issue it, and how the decider's own command is built from the command's data and the
 * state it will be decided on. Everything else every command needs (read and fold through the
 * aggregate cache, decide, append with the expected revision, retry a lost race, skip a repeat of an
 * idempotency key, count and time it) is the dispatcher's, written once.
 */
import { type Command, type Decider, DomainError, type DomainEvent } from '@handoff/kernel';

export interface CommandHandling<C extends Command, DomainCommand, State, Event extends DomainEvent> {
  type: C['type'];
  decider: Decider<DomainCommand, State, Event>;
  /** The stream the command is decided on and appended to. */
  streamOf(command: C): string;
  /**
   * Roles that may issue it at all (`system` for reactions); anything else is refused before a
   * stream is read. Finer scope (this parcel, this hub) is the decider's, judged on the state.
   */
  roles: readonly string[];
  /**
   * The decider's command, from the command and the state it will be decided on. May read other
   * aggregates (a receiver's standing, a collective's policy) and may throw a refusal.
   */
  toDomain(command: C, state: State): DomainCommand | Promise<DomainCommand>;
  /** Ids the command created, to answer with (a generated handoff id, say). */
  created?(command: C): Record<string, string>;
}

/** What a dispatched command answers, as data: the edge makes a response of it, a reaction its next step. */
export interface CommandOutcomeData {
  type: string;
  streamName: string;
  /** The stream's last revision now (-1: nothing recorded yet). */
  revision: number;
  /** Event types appended; empty when the command changed nothing or repeated an idempotency key. */
  recorded: string[];
  /** The command's idempotency key was already in the stream: done before, nothing decided now. */
  repeated: boolean;
  /** `$all` position of the append, for read-your-writes. */
  position?: { commit: bigint; prepare: bigint };
  created: Record<string, string>;
}

export class CommandNotHandledError extends Error {
  readonly code = 'COMMAND.NOT_HANDLED';
  constructor(readonly type: string) {
    super(`No context handles command type ${type}.`);
    this.name = 'CommandNotHandledError';
  }
}

/** The actor's role may not issue this command type (403 at the HTTP edge). */
export class CommandNotAllowedError extends DomainError<'AUTH.ROLE_NOT_ALLOWED'> {
  constructor(type: string, role: string) {
    super('AUTH.ROLE_NOT_ALLOWED', 'forbidden', `A ${role} may not issue ${type}.`, { type, role });
    this.name = 'CommandNotAllowedError';
  }
}

/** Declares one command type's handling; checks it where it is written. */
export function handleCommand<C extends Command, DomainCommand, State, Event extends DomainEvent>(
  handling: CommandHandling<C, DomainCommand, State, Event>,
): CommandHandling<C, DomainCommand, State, Event> {
  if (!/^[A-Z][A-Za-z]+$/.test(handling.type)) throw new Error(`command type "${handling.type}" must be PascalCase words`);
  if (handling.roles.length === 0) throw new Error(`command ${handling.type}: name at least one role that may issue it`);
  return handling;
}

/** The time a command's fact happened: the one it states, else when it was issued. */
export const timeOf = ({ metadata }: Command): string => metadata.occurredAt ?? metadata.now;
