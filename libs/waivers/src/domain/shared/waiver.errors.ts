import { refusalsOf } from '@handoff/kernel';

/** Every refusal of the waivers context (templates and signatures), with how a caller should read it. */
export const waiverErrorKinds = {
  'WAIVER.TEMPLATE_NOT_FOUND': 'not-found',
  'WAIVER.VERSION_NOT_FOUND': 'not-found',
  'WAIVER.NOT_FOUND': 'not-found',
  'WAIVER.PARTICIPANT_NOT_FOUND': 'not-found',
  'WAIVER.VERSION_ALREADY_PUBLISHED': 'conflict',
  'WAIVER.VERSION_OUT_OF_SEQUENCE': 'conflict',
  'WAIVER.VERSION_RETIRED': 'conflict',
  'WAIVER.VERSION_ENDED': 'conflict',
  'WAIVER.ALREADY_SIGNED': 'conflict',
  'WAIVER.OLDER_VERSION': 'conflict',
  'WAIVER.SUPERSEDED': 'conflict',
  'WAIVER.TIME_OUT_OF_ORDER': 'conflict',
  'WAIVER.NOT_APPLICABLE': 'rule-broken',
  'WAIVER.INVALID_DETAILS': 'rule-broken',
  'WAIVER.TIME_IN_FUTURE': 'rule-broken',
  'WAIVER.BACKFILL_NOT_ALLOWED': 'rule-broken',
  // Signing for someone else says nothing about their waivers (no oracle), so it is the actor's
  // answer, not the thing's: a participant signs only their own waiver, an admin records a paper one.
  'WAIVER.NOT_SIGNER': 'forbidden',
  // A courier reads their own coverage only; refused before anything is read, so it tells nothing of others.
  'WAIVER.NOT_OWN_COVERAGE': 'forbidden',
} as const;

export type WaiverErrorCode = keyof typeof waiverErrorKinds;

const refuse = refusalsOf<WaiverErrorCode>(waiverErrorKinds);

const versionName = (templateId: string, version: number) => `waiver template ${templateId} version ${version}`;

export const waiverErrors = {
  templateNotFound: (templateId: string) => refuse('WAIVER.TEMPLATE_NOT_FOUND', `There is no waiver template ${templateId}.`, { templateId }),
  versionNotFound: (templateId: string, version: number) => refuse('WAIVER.VERSION_NOT_FOUND', `There is no ${versionName(templateId, version)}.`, { templateId, version }),
  waiverNotFound: (participantId: string, waiverId: string) => refuse('WAIVER.NOT_FOUND', `Participant ${participantId} has no waiver ${waiverId}.`, { participantId, waiverId }),
  participantNotFound: (participantId: string) => refuse('WAIVER.PARTICIPANT_NOT_FOUND', `There is no participant ${participantId}.`, { participantId }),
  /** `role`: a courier, or a coordinator (the participants directory does not say which couriers work from a hub). */
  notOwnCoverage: (participantId: string, actorId: string, role: 'courier' | 'coordinator' = 'courier') =>
    refuse('WAIVER.NOT_OWN_COVERAGE', `${capitalised(role)} ${actorId} may read only their own waiver coverage, not participant ${participantId}'s.`, { participantId, actorId }),
  versionAlreadyPublished: (templateId: string, version: number) =>
    refuse('WAIVER.VERSION_ALREADY_PUBLISHED', `${capitalised(versionName(templateId, version))} is already published with other terms; versions are never edited, publish the next one.`, {
      templateId,
      version,
    }),
  versionOutOfSequence: (templateId: string, version: number, expected: number) =>
    refuse('WAIVER.VERSION_OUT_OF_SEQUENCE', `Waiver template ${templateId}: the next version is ${expected}, not ${version}.`, { templateId, version, expected }),
  versionRetired: (templateId: string, version: number, retiredAt: string) =>
    refuse('WAIVER.VERSION_RETIRED', `${capitalised(versionName(templateId, version))} was retired at ${retiredAt} and can no longer be signed.`, { templateId, version, retiredAt }),
  versionEnded: (templateId: string, version: number, effectiveUntil: string, signedAt: string) =>
    refuse('WAIVER.VERSION_ENDED', `${capitalised(versionName(templateId, version))} was in effect only until ${effectiveUntil}; it cannot be signed at ${signedAt}.`, {
      templateId,
      version,
      effectiveUntil,
      signedAt,
    }),
  alreadySigned: (participantId: string, waiverId: string) =>
    refuse('WAIVER.ALREADY_SIGNED', `Waiver ${waiverId} of participant ${participantId} was already signed with other details; a signature is never changed, sign again under a new id.`, {
      participantId,
      waiverId,
    }),
  olderVersion: (participantId: string, templateId: string, version: number, signedVersion: number) =>
    refuse('WAIVER.OLDER_VERSION', `Participant ${participantId} already signed version ${signedVersion} of waiver template ${templateId}; version ${version} is older.`, {
      participantId,
      templateId,
      version,
      signedVersion,
    }),
  superseded: (participantId: string, waiverId: string, supersededBy: string) =>
    refuse('WAIVER.SUPERSEDED', `Waiver ${waiverId} of participant ${participantId} was replaced by waiver ${supersededBy}; revoke that one instead.`, { participantId, waiverId, supersededBy }),
  timeOutOfOrder: (participantId: string, at: string, lastFactAt: string) =>
    refuse('WAIVER.TIME_OUT_OF_ORDER', `Participant ${participantId}: ${at} is before their last recorded waiver fact (${lastFactAt}); waiver facts are recorded in order.`, {
      participantId,
      field: 'signedAt',
      at,
      lastFactAt,
    }),
  notApplicable: (templateId: string, version: number, participantKind: string) =>
    refuse('WAIVER.NOT_APPLICABLE', `${capitalised(versionName(templateId, version))} does not apply to a ${participantKind}.`, { templateId, version, participantKind }),
  invalidDetails: (subject: string, field: string, why: string) => refuse('WAIVER.INVALID_DETAILS', `${capitalised(subject)}: ${field} ${why}.`, { subject, field }),
  timeInFuture: (participantId: string, at: string, now: string, maxSkewMs: number) =>
    refuse('WAIVER.TIME_IN_FUTURE', `Participant ${participantId}: ${at} is more than ${maxSkewMs / 1000} s ahead of the server's clock (${now}); check the device's clock.`, {
      participantId,
      field: 'signedAt',
      at,
      now,
    }),
  backfillNotAllowed: (participantId: string, at: string, windowMs: number) =>
    refuse('WAIVER.BACKFILL_NOT_ALLOWED', `Participant ${participantId}: ${at} is more than ${windowMs / 3_600_000} h ago; only an admin may record a signature that old (a paper waiver).`, {
      participantId,
      field: 'signedAt',
      at,
    }),
  notSigner: (participantId: string, actorId: string) =>
    refuse('WAIVER.NOT_SIGNER', `Participant ${actorId} cannot sign a waiver for participant ${participantId}; only they can, or an admin recording a paper signature.`, {
      participantId,
      actorId,
    }),
};

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
