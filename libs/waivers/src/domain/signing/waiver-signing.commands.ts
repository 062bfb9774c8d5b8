import type { Instant } from '../shared/instant';
import type { RecordingClock } from '../shared/stated-time';
import type { Sha256, WaiverActor } from '../shared/values';
import type { WaiverTemplateVersion } from '../template/waiver-template.state';
import type { WaiverRevocationReason } from './waiver-signing.events';

/**
 * Everything the decision needs arrives resolved at the edge: the actor (from authentication),
 * the new waiver's id, the server's clock, the signer's participant kind (participants context)
 * and the version as its template's stream knows it now.
 */
export interface SignWaiver {
  type: 'SignWaiver';
  participantId: string;
  waiverId: string;
  actor: WaiverActor;
  /** The signer's kind right now, in the words versions list (`volunteer`, `paid`, `gig`…). */
  participantKind: string;
  templateId: string;
  version: number;
  /** The version named, from `waivertemplate-<templateId>`; null when there is none. */
  template: WaiverTemplateVersion | null;
  signatureEvidence: Sha256;
  signedAt: Instant;
  expiresAt: Instant;
  recording: RecordingClock;
}

export interface RevokeWaiver {
  type: 'RevokeWaiver';
  participantId: string;
  waiverId: string;
  actor: WaiverActor;
  reason: WaiverRevocationReason;
  /** The server's clock. */
  revokedAt: Instant;
}

export type WaiverSigningCommand = SignWaiver | RevokeWaiver;
