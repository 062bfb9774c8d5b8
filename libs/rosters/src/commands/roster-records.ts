import { Inject, Injectable } from '@nestjs/common';
import { AggregateRepository } from '@handoff/eventstore';
import type { CommandActor } from '@handoff/kernel';
import type { HubActor, HubStanding } from '../domain/shared/hub-authority';
import { ROSTER_PARTIES, type RosterPartyDirectory } from '../domain/shared/roster-parties.port';
import { rosterErrors } from '../domain/shared/roster.errors';
import type { RosterParticipant } from '../domain/shift/roster.commands';
import { rosterDecider } from '../domain/shift/roster.decider';
import { sortersOf } from '../domain/shift/roster.state';
import type { BlockSorter } from '../domain/surge/surge.commands';
import { rosterStreams } from './roster-streams';

/**
 * Reads what rosters commands are judged on, each from the stream that owns it (through the
 * aggregate cache): participants and hubs through the port the rosters context owns
 * (ROSTER_PARTIES), and a hub's roster for who sorts a block. Never a read model.
 */
@Injectable()
export class RosterRecords {
  constructor(
    private readonly repository: AggregateRepository,
    @Inject(ROSTER_PARTIES) private readonly parties: RosterPartyDirectory,
  ) {}

  /**
   * Who acts for a hub: an admin, or a coordinator whose key names this hub. A coordinator whose
   * key names another hub is refused here, before anything is read.
   */
  async hubActor(actor: CommandActor, hubId: string): Promise<{ actor: HubActor; hub: HubStanding | null }> {
    if (actor.role === 'coordinator' && actor.hubId !== hubId) throw rosterErrors.notHubCoordinator(actor.id, hubId);
    // A reaction (`system`) acts for every hub, as an admin does; the dispatcher has checked the role may issue the command at all.
    const privileged = actor.role === 'admin' || actor.role === 'system';
    const [hub, acting] = await Promise.all([this.hub(hubId), privileged ? null : this.parties.find(actor.id)]);
    return { actor: { kind: privileged ? 'admin' : 'coordinator', id: actor.id, suspended: acting?.status === 'suspended' }, hub };
  }

  /** The hub as the participants context knows it now; null when there is no hub of that id. */
  async hub(hubId: string): Promise<HubStanding | null> {
    const found = await this.parties.find(hubId);
    if (!found || found.profile.kind !== 'hub' || !found.profile.operatingCoordinatorId) return null;
    return { hubId, operatingCoordinatorId: found.profile.operatingCoordinatorId, suspended: found.status === 'suspended' };
  }

  async participant(participantId: string): Promise<RosterParticipant | null> {
    const found = await this.parties.find(participantId);
    if (!found) return null;
    return { participantId, kind: found.profile.kind, ...(found.profile.engagement ? { engagement: found.profile.engagement.kind } : {}), suspended: found.status === 'suspended' };
  }

  async participants(participantIds: readonly string[]): Promise<Record<string, RosterParticipant | null>> {
    const ids = [...new Set(participantIds)];
    const found = await Promise.all(ids.map((id) => this.participant(id)));
    return Object.fromEntries(ids.map((id, i) => [id, found[i] ?? null]));
  }

  /** The volunteer who sorts the block at `at` by the hub's roster, skipping a suspended one (they may not claim); null when nobody does. */
  async sorter(hubId: string, blockId: string, at: string): Promise<BlockSorter | null> {
    const { state } = await this.repository.load(rosterDecider, rosterStreams.roster(hubId));
    for (const shift of sortersOf(state, blockId, at)) {
      const volunteer = await this.participant(shift.participantId);
      if (volunteer && !volunteer.suspended) return { participantId: shift.participantId, shiftId: shift.shiftId };
    }
    return null;
  }
}
