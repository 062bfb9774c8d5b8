import type { AllPosition, CommandOutcome, DomainEvent } from '@handoff/eventstore';

/**
 * What every command answers: the aggregate, its revision now, what was recorded, and the `$all`
 * position (sent as `X-Handoff-Position` by the command gateway, for read-your-writes on queries).
 */
export interface CommandResult {
  id: string;
  /** The stream's last revision (-1: nothing recorded yet). */
  revision: number;
  /** Event types appended by this request; empty when it repeated something already recorded. */
  recorded: string[];
  position?: AllPosition | string;
}

export const commandResult = (id: string, outcome: CommandOutcome<unknown, DomainEvent>): CommandResult => ({
  id,
  revision: outcome.nextExpectedRevision === 'no_stream' ? -1 : Number(outcome.nextExpectedRevision),
  recorded: outcome.events.map((event) => event.type),
  ...(outcome.position ? { position: outcome.position } : {}),
});
