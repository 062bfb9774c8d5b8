/**
 * The participants context's only door (ADR 0021): who takes part in the network (retailers,
 * collectives, hubs, couriers, coordinators), what custody may know of them (through the port
 * custody owns, PARTY_DIRECTORY, answered by ParticipantDirectory), and the API keys they act with.
 */
import type { Type } from '@nestjs/common';
import type { ContextDefinition } from '@handoff/kernel';
import type { ProjectionDefinition } from '@handoff/projections';
import type { ReactionDefinition } from '@handoff/reactions';
import { participantErrorKinds } from './domain/participant/participant.errors';
import { participantEventSchemaVersions } from './domain/participant/participant.events';
import { ParticipantsCommandsModule, ParticipantsModule } from './participants.module';

export { participantDecider } from './domain/participant/participant.decider';
export { DEFAULT_HUB_CYCLE_CAP } from './domain/participant/participant-profiles';
export type * from './domain/participant/participant-profiles';
export type * from './domain/participant/participant.commands';
export type * from './domain/participant/participant.events';
export { REGISTERED_EVENT_TYPE, participantEventSchemaVersions } from './domain/participant/participant.events';
export { participantErrorKinds, participantErrors } from './domain/participant/participant.errors';
export type { ParticipantErrorCode } from './domain/participant/participant.errors';
export { initialState as initialParticipantState } from './domain/participant/participant.state';
export type { Participant, RegisteredParticipant } from './domain/participant/participant.state';
export type { ParticipantCommandData } from './commands/participant.handlings';
export { participantStreams } from './participant-streams';
export { ParticipantDirectory } from './participant-directory';
export { ParticipantsModule, ParticipantsCommandsModule };

/** What the composition (libs/catalog) runs of this context. */
export const participantsContext: ContextDefinition<Type, ProjectionDefinition<any>, ReactionDefinition<any>> = {
  name: 'participants',
  module: ParticipantsModule,
  commandsModule: ParticipantsCommandsModule,
  projections: [],
  reactions: [],
  upcasters: [],
  schemaVersions: participantEventSchemaVersions,
  errorKinds: participantErrorKinds,
  consultedCategories: [],
};
