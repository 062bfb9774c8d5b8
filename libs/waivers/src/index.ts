/**
 * The waivers context's only door. Today the pure domain: waiver templates (versioned, never
 * edited), each participant's signatures, and coverage at any instant. The Nest module, command
 * handlings and read models that wire it to the event store are exported from here too when added.
 */

// Shared vocabulary
export { compareInstants, isUtcInstant, normaliseInstant } from './domain/shared/instant';
export type { Instant } from './domain/shared/instant';
export { isJurisdiction, isSha256, isValidMoney } from './domain/shared/values';
export type { Money, Sha256, WaiverActor } from './domain/shared/values';
export type { RecordingClock } from './domain/shared/stated-time';
export { waiverErrorKinds, waiverErrors } from './domain/shared/waiver.errors';
export type { WaiverErrorCode } from './domain/shared/waiver.errors';
export { waiverEventSchemaVersions } from './domain/waiver-event-schema-versions';

// Templates: stream `waivertemplate-<templateId>`
export { waiverTemplateDecider } from './domain/template/waiver-template.decider';
export type * from './domain/template/waiver-template.commands';
export type * from './domain/template/waiver-template.events';
export { GENERAL_PARCEL_CATEGORY, waiverTemplateEventSchemaVersions } from './domain/template/waiver-template.events';
export { initialState as initialWaiverTemplateState, templateVersionsOf, versionOf } from './domain/template/waiver-template.state';
export type { TemplateVersionLookup, WaiverTemplate, WaiverTemplateVersion } from './domain/template/waiver-template.state';

// Signatures: stream `waiver-<participantId>`
export { waiverSigningDecider } from './domain/signing/waiver-signing.decider';
export type * from './domain/signing/waiver-signing.commands';
export type * from './domain/signing/waiver-signing.events';
export { WAIVER_REVOCATION_REASONS, waiverSigningEventSchemaVersions } from './domain/signing/waiver-signing.events';
export { initialState as initialWaiverSignaturesState, signatureOf } from './domain/signing/waiver-signing.state';
export type { Signature, WaiverSignatures } from './domain/signing/waiver-signing.state';

// Coverage
export { coverageAt, coverageTimeline } from './domain/waiver-coverage/waiver-coverage';
export type { Coverage, CoverageInterval, CoverageSubject, NotCoveredReason } from './domain/waiver-coverage/waiver-coverage';
