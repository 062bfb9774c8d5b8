import { isBefore, isUtcInstant, laterOf, normaliseInstant } from '../shared/instant';
import { judgeStatedTime } from '../shared/stated-time';
import { isNonEmptyId, isSha256 } from '../shared/values';
import { waiverErrors } from '../shared/waiver.errors';
import type { RevokeWaiver, SignWaiver, WaiverSigningCommand } from './waiver-signing.commands';
import { WAIVER_REVOCATION_REASONS, type WaiverRevoked, type WaiverSigned, type WaiverSigningEvent, type WaiverSuperseded } from './waiver-signing.events';
import { isLive, signatureOf, type Signature, type WaiverSignatures } from './waiver-signing.state';

/**
 * A participant's waivers: signed against a published version, superseded by re-signing,
 * revoked by the participant or an admin. Expiry needs no decision: it is `expiresAt`.
 */
export const decide = (command: WaiverSigningCommand, state: WaiverSignatures): WaiverSigningEvent[] => {
  switch (command.type) {
    case 'SignWaiver':
      return sign(command, state);
    case 'RevokeWaiver':
      return revoke(command, state);
    default: {
      const _never: never = command;
      return _never;
    }
  }
};

function sign(command: SignWaiver, state: WaiverSignatures): WaiverSigningEvent[] {
  const { participantId, waiverId, actor, templateId, version, template, recording } = command;
  if (actor.kind === 'participant' && actor.id !== participantId) throw waiverErrors.notSigner(participantId, actor.id);
  const subject = `waiver ${waiverId} of participant ${participantId}`;
  const invalid = (field: string, why: string) => waiverErrors.invalidDetails(subject, field, why);
  if (!isNonEmptyId(participantId)) throw invalid('participantId', 'must not be empty');
  if (!isNonEmptyId(waiverId)) throw invalid('waiverId', 'must not be empty');
  if (!isUtcInstant(command.expiresAt)) throw invalid('expiresAt', 'must be a UTC ISO-8601 instant');
  const expiresAt = normaliseInstant(command.expiresAt);

  const existing = signatureOf(state, waiverId);
  if (existing) {
    // A repeat carries a new server time when nothing was stated: the terms decide, not the clock.
    const same = existing.templateId === templateId && existing.version === version && existing.signatureEvidence === command.signatureEvidence && existing.expiresAt === expiresAt;
    if (same) return [];
    throw waiverErrors.alreadySigned(participantId, waiverId);
  }

  if (!template || template.templateId !== templateId || template.version !== version) throw waiverErrors.versionNotFound(templateId, version);
  if (!isSha256(command.signatureEvidence)) throw invalid('signatureEvidence', 'must be sha256: and 64 lowercase hex digits');
  if (!isUtcInstant(command.signedAt)) throw invalid('signedAt', 'must be a UTC ISO-8601 instant');
  if (!isUtcInstant(recording.now)) throw invalid('recording.now', 'must be a UTC ISO-8601 instant');
  if (template.retired) throw waiverErrors.versionRetired(templateId, version, template.retired.retiredAt);
  if (!template.participantKinds.includes(command.participantKind)) throw waiverErrors.notApplicable(templateId, version, command.participantKind);

  const lastFactAt = state.status === 'signed' ? state.lastFactAt : undefined;
  const now = normaliseInstant(recording.now);
  const judged = judgeStatedTime(normaliseInstant(command.signedAt), { ...recording, now }, actor.kind === 'admin', lastFactAt);
  if (judged.verdict === 'in-future') throw waiverErrors.timeInFuture(participantId, judged.at, now, recording.maxSkewMs);
  if (judged.verdict === 'backfill-not-allowed') throw waiverErrors.backfillNotAllowed(participantId, judged.at, recording.backfillWindowMs);
  if (judged.verdict === 'out-of-order') throw waiverErrors.timeOutOfOrder(participantId, judged.at, lastFactAt!);
  const signedAt = judged.at;

  if (template.effectiveUntil !== undefined && !isBefore(signedAt, template.effectiveUntil)) throw waiverErrors.versionEnded(templateId, version, template.effectiveUntil, signedAt);
  if (!isBefore(signedAt, expiresAt)) throw invalid('expiresAt', `must be after signedAt (${signedAt})`);
  const coverageFrom = laterOf(template.effectiveFrom, signedAt);
  if (!isBefore(coverageFrom, expiresAt)) throw invalid('expiresAt', `must be after the version takes effect (${template.effectiveFrom})`);

  const sameTemplate = state.status === 'signed' ? state.signatures.filter((signature) => signature.templateId === templateId && isLive(signature)) : [];
  const newer = sameTemplate.find((signature) => signature.version > version);
  if (newer) throw waiverErrors.olderVersion(participantId, templateId, version, newer.version);

  const signed: WaiverSigned = {
    type: 'WaiverSigned',
    data: {
      participantId,
      waiverId,
      templateId,
      version,
      textHash: template.textHash,
      liabilityCap: { ...template.liabilityCap },
      signatureEvidence: command.signatureEvidence,
      signedBy: { kind: actor.kind, id: actor.id },
      signedAt,
      recordedAt: now,
      expiresAt,
      coverageFrom,
      ...(judged.backdated ? { backdated: true as const } : {}),
    },
  };
  // Only signatures that would still cover once the new one starts are replaced; an expired one is left as it ended.
  const superseded: WaiverSuperseded[] = sameTemplate
    .filter((signature) => isBefore(coverageFrom, signature.expiresAt))
    .map((signature) => ({ type: 'WaiverSuperseded', data: { participantId, waiverId: signature.waiverId, supersededBy: waiverId, supersededFrom: coverageFrom, recordedAt: now } }));
  return [signed, ...superseded];
}

function revoke(command: RevokeWaiver, state: WaiverSignatures): WaiverSigningEvent[] {
  const { participantId, waiverId, actor, reason } = command;
  const revoking = signatureOf(state, waiverId);
  // Another participant is answered as if the waiver did not exist: a revocation is never an oracle.
  if (state.status !== 'signed' || !revoking || (actor.kind === 'participant' && actor.id !== participantId)) throw waiverErrors.waiverNotFound(participantId, waiverId);
  if (revoking.revoked) return [];
  if (revoking.superseded) throw waiverErrors.superseded(participantId, waiverId, revoking.superseded.by);
  const subject = `waiver ${waiverId} of participant ${participantId}`;
  if (!(WAIVER_REVOCATION_REASONS as readonly string[]).includes(reason)) throw waiverErrors.invalidDetails(subject, 'reason', `must be one of ${WAIVER_REVOCATION_REASONS.join(', ')}`);
  if (!isUtcInstant(command.revokedAt)) throw waiverErrors.invalidDetails(subject, 'revokedAt', 'must be a UTC ISO-8601 instant');
  // The server's time, never before the participant's last fact (which may be stated up to the skew ahead).
  const revokedAt = laterOf(state.lastFactAt, normaliseInstant(command.revokedAt));
  // Already expired: nothing is left to revoke.
  if (!isBefore(revokedAt, revoking.expiresAt)) return [];

  const revokedBy = { kind: actor.kind, id: actor.id };
  const revocation = (signature: Signature, withSuccessor?: string): WaiverRevoked => ({
    type: 'WaiverRevoked',
    data: { participantId, waiverId: signature.waiverId, revokedBy, reason, revokedAt, ...(withSuccessor === undefined ? {} : { withSuccessor }) },
  });
  return [revocation(revoking), ...pendingPredecessors(state.signatures, revoking, revokedAt).map(([signature, successor]) => revocation(signature, successor))];
}

/**
 * The signatures the revoked one superseded whose supersession had not taken effect yet (the new
 * version starts later): they would otherwise go on covering until then, against the signer's word.
 */
function pendingPredecessors(signatures: Signature[], successor: Signature, revokedAt: string): [Signature, string][] {
  return signatures
    .filter((signature) => signature.superseded?.by === successor.waiverId && !signature.revoked && isBefore(revokedAt, signature.superseded.from) && isBefore(revokedAt, signature.expiresAt))
    .flatMap((signature): [Signature, string][] => [[signature, successor.waiverId], ...pendingPredecessors(signatures, signature, revokedAt)]);
}
