/**
 * The custody context's only door. Pure: deciders, their commands/events/states, refusals,
 * personal-data encryption and the key store port. Nest modules, handlers and projections that
 * wire these to the event store live beside them later and are exported from here too.
 * The hash chain is cross-context and lives in `@handoff/shared` (ADR 0004).
 */
import { hubCycleErrorKinds } from './domain/hub-cycle/hub-cycle.errors';
import { parcelErrorKinds } from './domain/parcel/parcel.errors';
import { participantErrorKinds } from './domain/participants/participant.errors';
import type { DomainErrorKind } from '@handoff/kernel';

// Shared domain vocabulary
export { describeParty, sameParty } from './domain/shared/party';
export type { HolderKind, PartyRef } from './domain/shared/party';
export { isCalendarDate, isEvidenceHash, isUtcInstant, isValidGeoPoint, isValidMoney } from './domain/shared/values';
export type { EvidenceHash, GeoPoint, Money } from './domain/shared/values';

// Parcel
export { parcelDecider } from './domain/parcel/parcel.decider';
export { restrictionOf } from './domain/parcel/parcel-handoff.decide';
export type * from './domain/parcel/parcel.commands';
export type * from './domain/parcel/parcel.events';
export { parcelEventSchemaVersions } from './domain/parcel/parcel.events';
export { parcelErrorKinds, parcelErrors } from './domain/parcel/parcel.errors';
export type { ParcelErrorCode } from './domain/parcel/parcel.errors';
export { initialState as initialParcelState, isLive, liveStatusFor } from './domain/parcel/parcel.state';
export type * from './domain/parcel/parcel.state';
export { WAIVER_COVERAGE } from './domain/parcel/waiver-coverage.port';
export type { WaiverCoverage, WaiverCoveragePort } from './domain/parcel/waiver-coverage.port';

// Participants
export { participantDecider } from './domain/participants/participant.decider';
export { DEFAULT_HUB_CYCLE_CAP } from './domain/participants/participant-profiles';
export type * from './domain/participants/participant-profiles';
export type * from './domain/participants/participant.commands';
export type * from './domain/participants/participant.events';
export { REGISTERED_EVENT_TYPE, participantEventSchemaVersions } from './domain/participants/participant.events';
export { participantErrorKinds, participantErrors } from './domain/participants/participant.errors';
export type { ParticipantErrorCode } from './domain/participants/participant.errors';
export { initialState as initialParticipantState } from './domain/participants/participant.state';
export type { Participant, RegisteredParticipant } from './domain/participants/participant.state';

// Hub cycles
export { hubCycleDecider } from './domain/hub-cycle/hub-cycle.decider';
export type * from './domain/hub-cycle/hub-cycle.commands';
export type * from './domain/hub-cycle/hub-cycle.events';
export { hubCycleEventSchemaVersions } from './domain/hub-cycle/hub-cycle.events';
export { hubCycleErrorKinds, hubCycleErrors } from './domain/hub-cycle/hub-cycle.errors';
export type { HubCycleErrorCode } from './domain/hub-cycle/hub-cycle.errors';
export { initialState as initialHubCycleState } from './domain/hub-cycle/hub-cycle.state';
export { requireIntakeOpen } from './domain/hub-cycle/hub-cycle.decide';
export type { HubCycle } from './domain/hub-cycle/hub-cycle.state';

// Personal data
export { InMemorySubjectKeyStore } from './personal-data/in-memory-subject-key-store';
export { MongoSubjectKeyStore, SUBJECT_KEYS_COLLECTION } from './personal-data/mongo-subject-key-store';
export { FileKeyring } from './personal-data/file-keyring';
export { KEY_ENCRYPTION_KEYS, type KeyEncryptionKey, type KeyEncryptionKeys } from './personal-data/key-encryption-keys';
export { KeyRotation, type RotationOutcome } from './personal-data/key-rotation';
export { PersonalDataUnreadableError, decryptPersonalData, encryptPersonalData, generateSubjectKeyMaterial } from './personal-data/personal-data-cipher';
export type { SubjectKey } from './personal-data/personal-data-cipher';
export { PersonalDataVault, SubjectErasedError, SubjectKeyMissingError } from './personal-data/personal-data-vault';
export type { OpenedPersonalData } from './personal-data/personal-data-vault';
export type { RecipientPersonalData } from './personal-data/recipient-personal-data';
export { SUBJECT_KEY_STORE, isShredded } from './personal-data/subject-key-store';
export type { ShreddedSubject, SubjectKeyStore } from './personal-data/subject-key-store';

// Write side over HTTP (Nest): the module, stream names, what commands answer
export { CustodyModule } from './custody.module';
export { CustodyCommandsModule, custodyHandlings } from './custody-commands.module';
export { custodyReactions, hubCycleIntakeReaction } from './reactions/hub-cycle-intake.reaction';
export { custodyUpcasters, registerCustodyUpcasters } from './custody-upcasters';
export { custodyProjections } from './read-models/custody-projections';
export { CONSULTED_CATEGORIES, custodyStreams } from './commands/shared/custody-streams';
export { CustodyEdge } from './commands/shared/custody-edge';
export type { RequestFacts } from './commands/shared/custody-edge';
export type { CommandResult } from './commands/shared/command-result';
export { IdParam } from './commands/shared/id-param.pipe';
export { dataSubjectDecider, dataSubjectEventSchemaVersions } from './personal-data/data-subject-erasure.decider';
export type { PersonalDataErased } from './personal-data/data-subject-erasure.decider';

export { custodyEventSchemaVersions } from './custody-schema-versions';

/** Every refusal code of this context and how to answer it (not-found 404, conflict 409, rule-broken 422). */
export const custodyErrorKinds: Readonly<Record<string, DomainErrorKind>> = {
  ...parcelErrorKinds,
  ...participantErrorKinds,
  ...hubCycleErrorKinds,
  'PERSONAL_DATA.SUBJECT_ERASED': 'conflict',
};
