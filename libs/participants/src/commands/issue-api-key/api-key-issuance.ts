import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { ApiKeyStore, type AuthenticatedActor, type IssuedApiKey } from '@handoff/shared/auth';
import { RequestValidationError } from '@handoff/shared/http';
import type { ParticipantKind } from '../../domain/participant/participant-profiles';
import { ParticipantDirectory } from '../../participant-directory';
import { lifetimeOf } from './api-key-lifetime.request.dto';
import type { IssueApiKeyRequestDto } from './issue-api-key.request.dto';

/** Roles that act as a registered participant of that kind. */
const PARTICIPANT_ROLES: Partial<Record<string, ParticipantKind>> = { courier: 'courier', retailer: 'retailer', coordinator: 'coordinator' };

/**
 * An admin issues a key for a participant, for a lifetime or until revoked; the key is answered once
 * and only its hash is kept.
 * Keys for couriers, retailers and coordinators must name a registered participant of that kind.
 * Not event-sourced (the key store is the record): the endpoint calls this directly.
 */
@Injectable()
export class ApiKeyIssuance {
  constructor(
    private readonly participants: ParticipantDirectory,
    @Inject(ApiKeyStore) private readonly keys: ApiKeyStore,
  ) {}

  async issue(body: IssueApiKeyRequestDto, issuer: AuthenticatedActor): Promise<IssuedApiKey> {
    const kind = PARTICIPANT_ROLES[body.role];
    if (kind) await this.participants.require(body.participantId, kind);
    if (body.role === 'coordinator') {
      if (!body.hubId) throw new RequestValidationError([{ field: 'hubId', message: 'is required for a coordinator key' }]);
      const hub = await this.participants.require(body.hubId, 'hub');
      if (hub.profile.operatingCoordinatorId !== body.participantId) {
        throw new ForbiddenException({ code: 'AUTH.NOT_HUB_COORDINATOR', message: `Coordinator ${body.participantId} does not run hub ${body.hubId}.` });
      }
    } else if (body.hubId !== undefined) {
      throw new RequestValidationError([{ field: 'hubId', message: 'is only for coordinator keys' }]);
    }
    const grant = { role: body.role, participantId: body.participantId, ...(body.hubId ? { hubId: body.hubId } : {}) };
    return this.keys.issue(grant, issuer.keyId, lifetimeOf(body));
  }
}
