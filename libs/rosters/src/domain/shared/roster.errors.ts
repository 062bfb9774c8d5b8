import { refusalsOf } from '@handoff/kernel';

/** Every refusal of the rosters context (rosters and shifts: ROSTER.*; surge windows and first refusal: SURGE.*). */
export const rosterErrorKinds = {
  'ROSTER.HUB_NOT_FOUND': 'not-found',
  'ROSTER.PARTICIPANT_NOT_FOUND': 'not-found',
  'ROSTER.SHIFT_NOT_FOUND': 'not-found',
  'ROSTER.SHIFT_ALREADY_PUBLISHED': 'conflict',
  'ROSTER.SHIFT_ALREADY_WORKED': 'conflict',
  'ROSTER.SHIFT_CANCELLED': 'conflict',
  'ROSTER.SHIFT_STARTED': 'conflict',
  'ROSTER.NOTICE_TOO_SHORT': 'rule-broken',
  'ROSTER.NOT_A_VOLUNTEER': 'rule-broken',
  'ROSTER.NOT_ON_ROSTER': 'rule-broken',
  'ROSTER.WRONG_WORK': 'rule-broken',
  'ROSTER.PARTICIPANT_SUSPENDED': 'rule-broken',
  'ROSTER.INVALID_DETAILS': 'rule-broken',
  'ROSTER.TIME_IN_FUTURE': 'rule-broken',
  'ROSTER.BACKFILL_NOT_ALLOWED': 'rule-broken',
  // A coordinator acts for the hub they run, and only while neither is suspended.
  'ROSTER.NOT_HUB_COORDINATOR': 'forbidden',
  'ROSTER.ACTOR_SUSPENDED': 'forbidden',
  // A coordinator reads the promises they published, not another coordinator's.
  'ROSTER.NOT_OWN_RECORD': 'forbidden',
  'SURGE.WINDOW_NOT_FOUND': 'not-found',
  // Another volunteer's offer is answered as an unknown one (ADR 0018: a command is never an oracle).
  'SURGE.OFFER_NOT_FOUND': 'not-found',
  'SURGE.WINDOW_ALREADY_DECLARED': 'conflict',
  'SURGE.WINDOW_NOT_OPEN': 'conflict',
  'SURGE.PARCEL_ALREADY_OFFERED': 'conflict',
  'SURGE.PARCEL_ALREADY_RELEASED': 'conflict',
  'SURGE.OFFER_LIMIT_REACHED': 'conflict',
  'SURGE.OFFER_CLAIMED': 'conflict',
  'SURGE.OFFER_DECLINED': 'conflict',
  'SURGE.OFFER_LAPSED': 'conflict',
  'SURGE.FIRST_REFUSAL_PENDING': 'conflict',
  'SURGE.FIRST_REFUSAL_REQUIRED': 'conflict',
  'SURGE.NO_SORTER': 'rule-broken',
  'SURGE.INVALID_DETAILS': 'rule-broken',
  'SURGE.PARTICIPANT_SUSPENDED': 'forbidden',
} as const;

export type RosterErrorCode = keyof typeof rosterErrorKinds;

const refuse = refusalsOf<RosterErrorCode>(rosterErrorKinds);

const days = (ms: number) => `${Math.round((ms / 86_400_000) * 100) / 100} days`;

export const rosterErrors = {
  hubNotFound: (hubId: string) => refuse('ROSTER.HUB_NOT_FOUND', `There is no hub ${hubId}.`, { hubId }),
  participantNotFound: (participantId: string) => refuse('ROSTER.PARTICIPANT_NOT_FOUND', `There is no participant ${participantId}.`, { participantId }),
  shiftNotFound: (hubId: string, shiftId: string) => refuse('ROSTER.SHIFT_NOT_FOUND', `Hub ${hubId} has no rostered shift ${shiftId}.`, { hubId, shiftId }),
  shiftAlreadyPublished: (hubId: string, shiftId: string) =>
    refuse('ROSTER.SHIFT_ALREADY_PUBLISHED', `Shift ${shiftId} of hub ${hubId} is already published with other details; change it instead (a change is recorded as a broken promise).`, {
      hubId,
      shiftId,
    }),
  shiftAlreadyWorked: (hubId: string, shiftId: string) =>
    refuse('ROSTER.SHIFT_ALREADY_WORKED', `Shift ${shiftId} of hub ${hubId} was already recorded as worked with other details; a recorded shift is never edited.`, { hubId, shiftId }),
  shiftCancelled: (hubId: string, shiftId: string) => refuse('ROSTER.SHIFT_CANCELLED', `Shift ${shiftId} of hub ${hubId} was cancelled.`, { hubId, shiftId }),
  shiftStarted: (hubId: string, shiftId: string, startsAt: string) =>
    refuse('ROSTER.SHIFT_STARTED', `Shift ${shiftId} of hub ${hubId} started at ${startsAt}; record what was worked instead of changing the roster.`, { hubId, shiftId, startsAt }),
  noticeTooShort: (hubId: string, shiftId: string, noticeGivenMs: number, noticeRequiredMs: number) =>
    refuse('ROSTER.NOTICE_TOO_SHORT', `Shift ${shiftId} of hub ${hubId} starts ${days(noticeGivenMs)} from now; a roster is published at least ${days(noticeRequiredMs)} ahead.`, {
      hubId,
      shiftId,
      noticeGivenMs,
      noticeRequiredMs,
    }),
  notAVolunteer: (participantId: string) => refuse('ROSTER.NOT_A_VOLUNTEER', `Participant ${participantId} is not a volunteer courier; only volunteers are rostered.`, { participantId }),
  notOnRoster: (hubId: string, shiftId: string, participantId: string) =>
    refuse('ROSTER.NOT_ON_ROSTER', `Participant ${participantId} is not rostered for shift ${shiftId} of hub ${hubId}; a volunteer's shift is recorded against the roster.`, {
      hubId,
      shiftId,
      participantId,
    }),
  wrongWork: (participantId: string, why: string) => refuse('ROSTER.WRONG_WORK', `Participant ${participantId}: ${why}.`, { participantId }),
  participantSuspended: (participantId: string) => refuse('ROSTER.PARTICIPANT_SUSPENDED', `Participant ${participantId} is suspended.`, { participantId }),
  invalidDetails: (subject: string, field: string, why: string) => refuse('ROSTER.INVALID_DETAILS', `${subject}: ${field} ${why}.`, { subject, field }),
  timeInFuture: (field: string, at: string, now: string) =>
    refuse('ROSTER.TIME_IN_FUTURE', `${field} ${at} is ahead of the server's clock (${now}); a shift is recorded once worked.`, { field, at, now }),
  backfillNotAllowed: (field: string, at: string, windowMs: number) =>
    refuse('ROSTER.BACKFILL_NOT_ALLOWED', `${field} ${at} is more than ${windowMs / 3_600_000} h ago; only an admin may record a shift that old.`, { field, at }),
  notHubCoordinator: (actorId: string, hubId: string) =>
    refuse('ROSTER.NOT_HUB_COORDINATOR', `Participant ${actorId} does not run hub ${hubId}; a hub's coordinator acts for their own hub only.`, { actorId, hubId }),
  notOwnRecord: (actorId: string, coordinatorId: string) =>
    refuse('ROSTER.NOT_OWN_RECORD', `Coordinator ${actorId} may read only their own broken promises, not coordinator ${coordinatorId}'s.`, { actorId, coordinatorId }),
  actorSuspended: (actorId: string, hubId: string) => refuse('ROSTER.ACTOR_SUSPENDED', `Hub ${hubId} or its coordinator ${actorId} is suspended.`, { actorId, hubId }),

  windowNotFound: (windowId: string) => refuse('SURGE.WINDOW_NOT_FOUND', `There is no surge window ${windowId}.`, { windowId }),
  offerNotFound: (windowId: string, offerId: string) => refuse('SURGE.OFFER_NOT_FOUND', `Surge window ${windowId} has no offer ${offerId} for you.`, { windowId, offerId }),
  windowAlreadyDeclared: (windowId: string) => refuse('SURGE.WINDOW_ALREADY_DECLARED', `Surge window ${windowId} is already declared with other terms; a window is never edited.`, { windowId }),
  windowNotOpen: (windowId: string, at: string, from: string, until: string) =>
    refuse('SURGE.WINDOW_NOT_OPEN', `Surge window ${windowId} runs from ${from} until ${until}; it is not open at ${at}.`, { windowId, at, from, until }),
  parcelAlreadyOffered: (windowId: string, parcelId: string, offerId: string) =>
    refuse('SURGE.PARCEL_ALREADY_OFFERED', `Parcel ${parcelId} was already offered in surge window ${windowId} (offer ${offerId}).`, { windowId, parcelId, offerId }),
  parcelAlreadyReleased: (windowId: string, parcelId: string) =>
    refuse('SURGE.PARCEL_ALREADY_RELEASED', `Parcel ${parcelId} was already released to gig drivers in surge window ${windowId}.`, { windowId, parcelId }),
  offerLimitReached: (windowId: string, blockId: string, limit: number) =>
    refuse('SURGE.OFFER_LIMIT_REACHED', `Block ${blockId} already had its ${limit} first-refusal offers in surge window ${windowId}; release further parcels to gig drivers.`, {
      windowId,
      blockId,
      limit,
    }),
  offerClaimed: (windowId: string, offerId: string) => refuse('SURGE.OFFER_CLAIMED', `Offer ${offerId} of surge window ${windowId} was claimed by its volunteer.`, { windowId, offerId }),
  offerDeclined: (windowId: string, offerId: string) => refuse('SURGE.OFFER_DECLINED', `Offer ${offerId} of surge window ${windowId} was declined.`, { windowId, offerId }),
  offerLapsed: (windowId: string, offerId: string, lapsedAt: string) =>
    refuse('SURGE.OFFER_LAPSED', `Offer ${offerId} of surge window ${windowId} lapsed at ${lapsedAt}.`, { windowId, offerId, lapsedAt }),
  firstRefusalPending: (windowId: string, parcelId: string, lapsesAt: string) =>
    refuse('SURGE.FIRST_REFUSAL_PENDING', `Parcel ${parcelId} is offered to its block's volunteer until ${lapsesAt}; it goes to gig drivers only once they decline or the offer lapses.`, {
      windowId,
      parcelId,
      lapsesAt,
    }),
  firstRefusalRequired: (windowId: string, parcelId: string, blockId: string) =>
    refuse('SURGE.FIRST_REFUSAL_REQUIRED', `Parcel ${parcelId} must first be offered to the volunteer who sorts block ${blockId} during surge window ${windowId}.`, { windowId, parcelId, blockId }),
  noSorter: (windowId: string, blockId: string) =>
    refuse('SURGE.NO_SORTER', `No volunteer is rostered to sort block ${blockId} now (surge window ${windowId}); release the parcel to gig drivers.`, { windowId, blockId }),
  surgeInvalidDetails: (subject: string, field: string, why: string) => refuse('SURGE.INVALID_DETAILS', `${subject}: ${field} ${why}.`, { subject, field }),
  surgeParticipantSuspended: (participantId: string) => refuse('SURGE.PARTICIPANT_SUSPENDED', `Participant ${participantId} is suspended and may not claim or decline offers.`, { participantId }),
};
