import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { AggregateRepository } from '@handoff/eventstore';
import type { Command, CommandActor } from '@handoff/kernel';
import { CLOCK, type Clock, HANDOFF_CONFIG, type HandoffConfig, ID_GENERATOR, type IdGenerator } from '@handoff/shared';
import type { AuthenticatedActor } from '@handoff/shared/auth';
import type { CollectivePolicySnapshot, ParcelCommandBase, ReceiverStanding } from '../../domain/parcel/parcel.commands';
import { parcelDecider } from '../../domain/parcel/parcel.decider';
import { parcelErrors } from '../../domain/parcel/parcel.errors';
import type { Parcel } from '../../domain/parcel/parcel.state';
import { PARTY_DIRECTORY, type PartyDirectory, type PartyFacts, type PartyKind, type PartyProfileOf } from '../../domain/shared/party-directory.port';
import type { PartyRef } from '../../domain/shared/party';
import { custodyStreams } from './custody-streams';

/** Who is acting: an API key's holder as authenticated, or a command's actor (ADR 0016). */
export type Caller = AuthenticatedActor | CommandActor;

/**
 * Resolves, at the edge, what the deciders expect on their commands: the acting party, the time,
 * new ids, and facts owned by other aggregates (a receiver's standing, a collective's policy).
 * Every lookup is a read of that aggregate's stream: no read model sits between a command and
 * the facts it is judged on.
 */
@Injectable()
export class CustodyEdge {
  constructor(
    readonly repository: AggregateRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
    @Inject(HANDOFF_CONFIG) private readonly config: HandoffConfig,
    @Inject(PARTY_DIRECTORY) private readonly parties: PartyDirectory,
  ) {}

  /**
   * What every parcel command starts from (ADR 0016): the acting party and whether it is suspended,
   * the issuing clock (`metadata.now`) with the stated-time tolerances, and the command's time
   * (`occurredAt`, else now).
   */
  async parcelCommandBase({ data, metadata }: Command<string, { parcelId: string }>): Promise<{ base: ParcelCommandBase; at: string }> {
    const { party, suspended } = await this.acting(metadata.actor);
    const recording = { now: metadata.now, stated: metadata.occurredAt !== undefined, ...this.config.statedTime };
    return { base: { parcelId: data.parcelId, actor: party, actorSuspended: suspended, recording }, at: metadata.occurredAt ?? metadata.now };
  }

  newId(): string {
    return this.ids.next();
  }

  /**
   * The custody party the caller acts as: couriers and retailers as themselves, a coordinator as
   * the hub their key names, as long as they still run it (403 otherwise).
   */
  async partyOf(actor: Caller): Promise<PartyRef> {
    return (await this.acting(actor)).party;
  }

  /** The party, and whether it is suspended: a coordinator's hub is, when the hub or the coordinator is. */
  async acting(caller: Caller): Promise<{ party: PartyRef; suspended: boolean }> {
    const isSuspended = (participant: PartyFacts | null) => participant?.status === 'suspended';
    const actor = { role: caller.role, participantId: 'participantId' in caller ? caller.participantId : caller.id, hubId: caller.hubId };
    switch (actor.role) {
      case 'courier':
      case 'retailer':
        return { party: { kind: actor.role, id: actor.participantId }, suspended: isSuspended(await this.participantOrNull(actor.participantId)) };
      case 'coordinator': {
        const [hub, coordinator] = await Promise.all([actor.hubId ? this.participantOrNull(actor.hubId) : null, this.participantOrNull(actor.participantId)]);
        if (!hub || hub.profile.kind !== 'hub' || hub.profile.operatingCoordinatorId !== actor.participantId) {
          throw new ForbiddenException({
            code: 'AUTH.NOT_HUB_COORDINATOR',
            message: `Coordinator ${actor.participantId} does not run hub ${actor.hubId ?? '(none on this key)'}.`,
          });
        }
        return { party: { kind: 'hub', id: hub.participantId }, suspended: isSuspended(hub) || isSuspended(coordinator) };
      }
      default:
        throw new ForbiddenException({ code: 'AUTH.ROLE_NOT_ALLOWED', message: `A ${actor.role} holds no parcels.` });
    }
  }

  /** Participants are the participants context's: asked through the port custody owns (PARTY_DIRECTORY). */
  participantOrNull(participantId: string): Promise<PartyFacts | null> {
    return this.parties.find(participantId);
  }

  participant<Kind extends PartyKind>(participantId: string, kind: Kind): Promise<PartyFacts & { profile: PartyProfileOf<Kind> }> {
    return this.parties.require(participantId, kind);
  }

  async receiverStanding(receiver: { kind: 'courier' | 'hub'; id: string }): Promise<ReceiverStanding> {
    const participant = await this.participant(receiver.id, receiver.kind);
    const suspended = participant.status === 'suspended';
    if (participant.profile.kind === 'courier') {
      const { engagement, vetting } = participant.profile;
      return { kind: 'courier', id: receiver.id, engagement: engagement.kind, vetted: vetting === 'vetted', suspended };
    }
    return { kind: 'hub', id: receiver.id, suspended };
  }

  async collectivePolicy(collectiveId: string): Promise<CollectivePolicySnapshot> {
    const collective = await this.participant(collectiveId, 'collective');
    return { collectiveId, ...collective.profile.policy };
  }

  /** The parcel as it is now (a consulting read: fresh unless its category is watched, see the aggregate cache). */
  async parcel(parcelId: string): Promise<Parcel> {
    return (await this.repository.load(parcelDecider, custodyStreams.parcel(parcelId))).state;
  }

  /**
   * The policy of the parcel's collective, from the parcel state the command is decided on, so the
   * parcel is not read a second time just to find its collective (404 when it does not exist).
   */
  async policyOf(parcelId: string, parcel: Parcel): Promise<CollectivePolicySnapshot> {
    if (parcel.status === 'unregistered') throw parcelErrors.notFound(parcelId);
    return this.collectivePolicy(parcel.collectiveId);
  }
}
