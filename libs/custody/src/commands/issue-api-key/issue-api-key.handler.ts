import { ForbiddenException, Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiKeyStore, type IssuedApiKey } from '@handoff/shared/auth';
import { RequestValidationError } from '@handoff/shared/http';
import type { ParticipantKind } from '../../domain/participants/participant-profiles';
import { CustodyEdge, type RequestFacts } from '../shared/custody-edge';
import { lifetimeOf } from './api-key-lifetime.request.dto';
import type { IssueApiKeyRequestDto } from './issue-api-key.request.dto';

export class IssueApiKeyCommand {
  constructor(
    readonly body: IssueApiKeyRequestDto,
    readonly facts: RequestFacts,
  ) {}
}

/** Roles that act as a registered participant of that kind. */
const PARTICIPANT_ROLES: Partial<Record<string, ParticipantKind>> = { courier: 'courier', retailer: 'retailer', coordinator: 'coordinator' };

/**
 * An admin issues a key for a participant, for a lifetime or until revoked; the key is answered once
 * and only its hash is kept.
 * Keys for couriers, retailers and coordinators must name a registered participant of that kind.
 */
@CommandHandler(IssueApiKeyCommand)
export class IssueApiKeyHandler implements ICommandHandler<IssueApiKeyCommand, IssuedApiKey> {
  constructor(
    private readonly edge: CustodyEdge,
    @Inject(ApiKeyStore) private readonly keys: ApiKeyStore,
  ) {}

  async execute({ body, facts }: IssueApiKeyCommand): Promise<IssuedApiKey> {
    const kind = PARTICIPANT_ROLES[body.role];
    if (kind) await this.edge.participant(body.participantId, kind);
    if (body.role === 'coordinator') {
      if (!body.hubId) throw new RequestValidationError([{ field: 'hubId', message: 'is required for a coordinator key' }]);
      const hub = await this.edge.participant(body.hubId, 'hub');
      if (hub.profile.operatingCoordinatorId !== body.participantId) {
        throw new ForbiddenException({ code: 'AUTH.NOT_HUB_COORDINATOR', message: `Coordinator ${body.participantId} does not run hub ${body.hubId}.` });
      }
    } else if (body.hubId !== undefined) {
      throw new RequestValidationError([{ field: 'hubId', message: 'is only for coordinator keys' }]);
    }
    const grant = { role: body.role, participantId: body.participantId, ...(body.hubId ? { hubId: body.hubId } : {}) };
    return this.keys.issue(grant, facts.actor.keyId, lifetimeOf(body));
  }
}
