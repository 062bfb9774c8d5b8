import type { CommandResult } from './command-result';
import type { RequestFacts } from './custody-edge';
import type { ParticipantCommand } from '../../domain/participants/participant.commands';

/**
 * Participant management is many small commands with one shape (admin-only, one participant's
 * stream): the controllers build the domain command from the request, at the time the edge gives.
 */
export class ManageParticipantCommand {
  constructor(
    readonly participantId: string,
    readonly build: (at: string) => ParticipantCommand,
    readonly facts: RequestFacts,
  ) {}
}

export type { CommandResult };
