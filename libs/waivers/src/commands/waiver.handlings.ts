import { handleCommand } from '@handoff/commands';
import type { Command, CommandActor } from '@handoff/kernel';
import type { HandoffConfig } from '@handoff/shared';
import type { WaiverActor } from '../domain/shared/values';
import { waiverErrors } from '../domain/shared/waiver.errors';
import type { RevokeWaiver as RevokeWaiverDomain, SignWaiver as SignWaiverDomain, WaiverSigningCommand } from '../domain/signing/waiver-signing.commands';
import { waiverSigningDecider } from '../domain/signing/waiver-signing.decider';
import type { WaiverSigningEvent } from '../domain/signing/waiver-signing.events';
import type { WaiverSignatures } from '../domain/signing/waiver-signing.state';
import type { PublishWaiverTemplateVersion as PublishDomain, RetireWaiverTemplateVersion as RetireDomain, WaiverTemplateCommand } from '../domain/template/waiver-template.commands';
import { waiverTemplateDecider } from '../domain/template/waiver-template.decider';
import type { WaiverTemplateEvent } from '../domain/template/waiver-template.events';
import type { WaiverTemplate } from '../domain/template/waiver-template.state';
import type { WaiverRecords } from './waiver-records';
import { waiverStreams } from './waiver-streams';

/** The decider's command without its type, its actor and the times the command's metadata gives. */
export type PublishWaiverTemplateVersion = Command<'PublishWaiverTemplateVersion', Omit<PublishDomain, 'type' | 'adminId' | 'publishedAt'>>;
export type RetireWaiverTemplateVersion = Command<'RetireWaiverTemplateVersion', Omit<RetireDomain, 'type' | 'adminId' | 'retiredAt'>>;
export type SignWaiver = Command<'SignWaiver', Pick<SignWaiverDomain, 'participantId' | 'waiverId' | 'templateId' | 'version' | 'signatureEvidence' | 'expiresAt'>>;
export type RevokeWaiver = Command<'RevokeWaiver', Pick<RevokeWaiverDomain, 'participantId' | 'waiverId' | 'reason'>>;

/** An admin acts as an admin; anyone else as the participant their key was issued to. */
const waiverActorOf = (actor: CommandActor): WaiverActor => ({ kind: actor.role === 'admin' ? 'admin' : 'participant', id: actor.id });

/**
 * How waiver commands are decided (ADR 0016). Templates are an admin's, on
 * `waivertemplate-<templateId>`; signatures are on `waiver-<participantId>`, signed or revoked by
 * the participant themself (a courier) or an admin. Versions are published and retired at the
 * server's time; a signature may state when it was signed (`occurredAt`, judged by the decider).
 */
export function waiverHandlings(records: WaiverRecords, statedTime: HandoffConfig['statedTime']) {
  const template = <C extends PublishWaiverTemplateVersion | RetireWaiverTemplateVersion>(type: C['type'], toDomain: (command: C) => WaiverTemplateCommand) =>
    handleCommand<C, WaiverTemplateCommand, WaiverTemplate, WaiverTemplateEvent>({
      type,
      decider: waiverTemplateDecider,
      roles: ['admin'],
      streamOf: (command) => waiverStreams.template(command.data.templateId),
      toDomain,
      created: ({ data }) => ({ templateId: data.templateId, version: String(data.version) }),
    });

  return [
    template<PublishWaiverTemplateVersion>('PublishWaiverTemplateVersion', ({ data, metadata }) => ({
      ...data,
      type: 'PublishWaiverTemplateVersion',
      adminId: metadata.actor.id,
      publishedAt: metadata.now,
    })),
    template<RetireWaiverTemplateVersion>('RetireWaiverTemplateVersion', ({ data, metadata }) => ({
      ...data,
      type: 'RetireWaiverTemplateVersion',
      adminId: metadata.actor.id,
      retiredAt: metadata.now,
    })),
    handleCommand<SignWaiver, WaiverSigningCommand, WaiverSignatures, WaiverSigningEvent>({
      type: 'SignWaiver',
      decider: waiverSigningDecider,
      roles: ['courier', 'admin'],
      streamOf: (command) => waiverStreams.signatures(command.data.participantId),
      toDomain: async ({ data, metadata }) => {
        const actor = waiverActorOf(metadata.actor);
        // Refused before anything is read, so signing for someone else tells nothing about them.
        if (actor.kind === 'participant' && actor.id !== data.participantId) throw waiverErrors.notSigner(data.participantId, actor.id);
        const [participantKind, version] = await Promise.all([records.participantKind(data.participantId), records.templateVersion(data.templateId, data.version)]);
        const recording = { now: metadata.now, stated: metadata.occurredAt !== undefined, ...statedTime };
        return { ...data, type: 'SignWaiver', actor, participantKind, template: version, signedAt: metadata.occurredAt ?? metadata.now, recording };
      },
      created: ({ data }) => ({ waiverId: data.waiverId }),
    }),
    handleCommand<RevokeWaiver, WaiverSigningCommand, WaiverSignatures, WaiverSigningEvent>({
      type: 'RevokeWaiver',
      decider: waiverSigningDecider,
      roles: ['courier', 'admin'],
      streamOf: (command) => waiverStreams.signatures(command.data.participantId),
      // Scope is the decider's: another participant's waiver is answered as an unknown one (404).
      toDomain: ({ data, metadata }) => ({ ...data, type: 'RevokeWaiver', actor: waiverActorOf(metadata.actor), revokedAt: metadata.now }),
    }),
  ];
}
