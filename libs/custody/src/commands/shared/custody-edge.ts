import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { AggregateRepository, type CommandContext } from '@handoff/eventstore';
import type { CommandActor } from '@handoff/kernel';
import { CLOCK, type Clock, HANDOFF_CONFIG, type HandoffConfig, ID_GENERATOR, type IdGenerator } from '@handoff/shared';
import type { AuthenticatedActor } from '@handoff/shared/auth';
import { commandContext, type HttpCommandExchange } from '@handoff/shared/http';
import type { CollectivePolicySnapshot, ParcelCommand, ParcelCommandBase, ReceiverStanding } from '../../domain/parcel/parcel.commands';
import { parcelDecider } from '../../domain/parcel/parcel.decider';
import { parcelErrors } from '../../domain/parcel/parcel.errors';
import type { Parcel } from '../../domain/parcel/parcel.state';
import type { ParticipantKind, ProfileOf } from '../../domain/participants/participant-profiles';
import { participantDecider } from '../../domain/participants/participant.decider';
import { participantErrors } from '../../domain/participants/participant.errors';
import type { RegisteredParticipant } from '../../domain/participants/participant.state';
import type { PartyRef } from '../../domain/shared/party';
import { commandResult, type CommandResult } from './command-result';
import { custodyStreams } from './custody-streams';

/** Who is acting: an API key's holder as authenticated, or a command's actor (ADR 0016). */
export type Caller = AuthenticatedActor | CommandActor;

/** A parcel command as the controller hands it over: the parcel, the handoff when the path names one, the request body and facts. */
export abstract class ParcelRequest<Body> {
  constructor(
    readonly parcelId: string,
    readonly body: Body,
    readonly facts: RequestFacts,
    readonly handoffId: string = '',
  ) {}
}

/**
 * What an HTTP request hands a command handler: who (authenticated), why (correlation), when; and
 * the exchange itself, which only the command gateway uses (idempotency, the reported position).
 */
export interface RequestFacts extends HttpCommandExchange {
  actor: AuthenticatedActor;
  occurredAt?: string;
}

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
  ) {}

  /**
   * What every parcel command starts from: the acting party and whether it is suspended, the
   * server's clock with the stated-time tolerances, and the command's time (`occurredAt`, else now).
   */
  async parcelCommand(parcelId: string, facts: { actor: Caller; occurredAt?: string; now?: string }): Promise<{ base: ParcelCommandBase; at: string }> {
    const { party, suspended } = await this.acting(facts.actor);
    const now = facts.now ?? this.clock.nowIso();
    const recording = { now, stated: facts.occurredAt !== undefined, ...this.config.statedTime };
    return { base: { parcelId, actor: party, actorSuspended: suspended, recording }, at: facts.occurredAt ?? now };
  }

  /** The domain time of the request: the client's `occurredAt` if given, else now. */
  timeOf(facts: RequestFacts): string {
    return facts.occurredAt ?? this.clock.nowIso();
  }

  newId(): string {
    return this.ids.next();
  }

  context(facts: RequestFacts): CommandContext {
    return commandContext(facts.request as never, facts.actor, this.timeOf(facts));
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
    const isSuspended = (participant: RegisteredParticipant | null) => participant?.status === 'suspended';
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

  async participantOrNull(participantId: string): Promise<RegisteredParticipant | null> {
    const { state } = await this.repository.load(participantDecider, custodyStreams.participant(participantId));
    return state.status === 'unregistered' ? null : state;
  }

  async participant<Kind extends ParticipantKind>(participantId: string, kind: Kind): Promise<RegisteredParticipant & { profile: ProfileOf<Kind> }> {
    const participant = await this.participantOrNull(participantId);
    if (!participant) throw participantErrors.notFound(participantId);
    if (participant.profile.kind !== kind) throw participantErrors.wrongKind(participantId, participant.profile.kind, kind);
    return participant as RegisteredParticipant & { profile: ProfileOf<Kind> };
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

  /** Load the parcel, decide, append (retrying on a lost race): what every parcel handler ends with. */
  async decideParcel(command: ParcelCommand, facts: RequestFacts): Promise<CommandResult> {
    const outcome = await this.repository.handleCommand(parcelDecider, custodyStreams.parcel(command.parcelId), command, this.context(facts));
    return commandResult(command.parcelId, outcome);
  }

  /**
   * The same, for a command that needs the parcel's collective policy: built from the parcel state
   * the decision is made on, so the parcel is not read a second time just to find its collective.
   */
  async decideParcelUnderPolicy(parcelId: string, commandFor: (policy: CollectivePolicySnapshot) => ParcelCommand, facts: RequestFacts): Promise<CommandResult> {
    return this.decideParcelFrom(parcelId, async (parcel) => commandFor(await this.policyOf(parcelId, parcel)), facts);
  }

  /** The general form: the command is built from the parcel state it is decided on and appended against. */
  async decideParcelFrom(parcelId: string, build: (parcel: Parcel) => Promise<ParcelCommand>, facts: RequestFacts): Promise<CommandResult> {
    const outcome = await this.repository.handleCommand(parcelDecider, custodyStreams.parcel(parcelId), build, this.context(facts));
    return commandResult(parcelId, outcome);
  }

  /** The parcel as it is now (a consulting read: fresh unless its category is watched, see the aggregate cache). */
  async parcel(parcelId: string): Promise<Parcel> {
    return (await this.repository.load(parcelDecider, custodyStreams.parcel(parcelId))).state;
  }

  /** The parcel's collective policy (404 when the parcel does not exist). */
  private async policyOf(parcelId: string, parcel: Parcel): Promise<CollectivePolicySnapshot> {
    if (parcel.status === 'unregistered') throw parcelErrors.notFound(parcelId);
    return this.collectivePolicy(parcel.collectiveId);
  }
}
