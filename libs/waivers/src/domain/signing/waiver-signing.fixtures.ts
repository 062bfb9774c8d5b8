import type { RecordingClock } from '../shared/stated-time';
import { at, DAY, hash } from '../template/waiver-template.fixtures';
import type { WaiverTemplateVersion } from '../template/waiver-template.state';
import type { RevokeWaiver, SignWaiver } from './waiver-signing.commands';

/** The server's clock as the edge passes it: 5 minutes of skew and a 72-hour backfill window (ADR 0008's defaults). */
export const recording = (now: string, stated = true): RecordingClock => ({ now, stated, maxSkewMs: 5 * 60_000, backfillWindowMs: 72 * 3_600_000 });

export const PARTICIPANT = 'courier-7';

export const sign = (template: WaiverTemplateVersion, overrides: Partial<SignWaiver> = {}): SignWaiver => ({
  type: 'SignWaiver',
  participantId: PARTICIPANT,
  waiverId: `waiver-${template.version}`,
  actor: { kind: 'participant', id: PARTICIPANT },
  participantKind: 'volunteer',
  templateId: template.templateId,
  version: template.version,
  template,
  signatureEvidence: hash(500 + template.version),
  signedAt: at(60),
  expiresAt: at(365 * DAY),
  recording: recording(at(60)),
  ...overrides,
});

/** Signed at `minutes` after BASE, stated by a device whose clock agrees with the server's. */
export const signAt = (template: WaiverTemplateVersion, minutes: number, overrides: Partial<SignWaiver> = {}): SignWaiver =>
  sign(template, { signedAt: at(minutes), recording: recording(at(minutes)), ...overrides });

export const revoke = (waiverId: string, minutes: number, overrides: Partial<RevokeWaiver> = {}): RevokeWaiver => ({
  type: 'RevokeWaiver',
  participantId: PARTICIPANT,
  waiverId,
  actor: { kind: 'participant', id: PARTICIPANT },
  reason: 'withdrawn-by-participant',
  revokedAt: at(minutes),
  ...overrides,
});
