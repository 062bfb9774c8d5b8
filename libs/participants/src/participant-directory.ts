import { Injectable } from '@nestjs/common';
import { AggregateRepository } from '@handoff/eventstore';
import type { PartyDirectory } from '@handoff/custody';
import type { RosterPartyDirectory } from '@handoff/rosters';
import type { PayPartyDirectory } from '@handoff/pay';
import type { WaiverSignerDirectory } from '@handoff/waivers';
import type { ParticipantKind, ProfileOf } from './domain/participant/participant-profiles';
import { participantDecider } from './domain/participant/participant.decider';
import { participantErrors } from './domain/participant/participant.errors';
import type { RegisteredParticipant } from './domain/participant/participant.state';
import { participantStreams } from './participant-streams';

/**
 * Participants as they are now, each a read of the participant's own stream (through the aggregate
 * cache, which follows the `participant` category): no read model sits between a command and the
 * facts it is judged on. Answers custody's PARTY_DIRECTORY port, the waivers context's
 * WAIVER_SIGNERS, the rosters context's ROSTER_PARTIES and the pay context's PAY_PARTIES (all bound
 * in libs/catalog) and checks API-key grants here.
 */
@Injectable()
export class ParticipantDirectory implements PartyDirectory, WaiverSignerDirectory, RosterPartyDirectory, PayPartyDirectory {
  constructor(private readonly repository: AggregateRepository) {}

  async find(participantId: string): Promise<RegisteredParticipant | null> {
    const { state } = await this.repository.load(participantDecider, participantStreams.participant(participantId));
    return state.status === 'unregistered' ? null : state;
  }

  async require<Kind extends ParticipantKind>(participantId: string, kind: Kind): Promise<RegisteredParticipant & { profile: ProfileOf<Kind> }> {
    const participant = await this.find(participantId);
    if (!participant) throw participantErrors.notFound(participantId);
    if (participant.profile.kind !== kind) throw participantErrors.wrongKind(participantId, participant.profile.kind, kind);
    return participant as RegisteredParticipant & { profile: ProfileOf<Kind> };
  }
}
