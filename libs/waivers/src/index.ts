/**
 * The waivers context's only door (ADR 0021, ADR 0024): waiver templates (versioned, never
 * edited), each participant's signatures, coverage at any instant and its read model; the port waivers owns
 * (WAIVER_SIGNERS, answered by the participants context), the class answering custody's
 * WAIVER_COVERAGE, and the context's definition for the composition (libs/catalog).
 */
import type { Type } from '@nestjs/common';
import type { ContextDefinition } from '@handoff/kernel';
import type { ProjectionDefinition } from '@handoff/projections';
import type { ReactionDefinition } from '@handoff/reactions';
import { WAIVER_CONSULTED_CATEGORIES } from './commands/waiver-streams';
import { waiverErrorKinds as errorKinds } from './domain/shared/waiver.errors';
import { waiverEventSchemaVersions as schemaVersions } from './domain/waiver-event-schema-versions';
import { WaiversCommandsModule } from './waivers-commands.module';
import { WaiversModule } from './waivers.module';
import { waiverProjections } from './read-models/waiver-projections';

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
export { coverageAt, coverageHistory, coverageTimeline } from './domain/waiver-coverage/waiver-coverage';
export type { Coverage, CoverageEnd, CoverageGap, CoverageHistory, CoverageInterval, CoverageSubject, EndingCoverageInterval, NotCoveredReason } from './domain/waiver-coverage/waiver-coverage';

// Read side: the coverage read model and its queries
export { waiverProjections };
export { WAIVER_SIGNATURES, WAIVER_TEMPLATE_VERSIONS, waiverCoverageProjection } from './read-models/waiver-coverage/waiver-coverage.projection';
export { WaiverCoverageQueries } from './read-models/waiver-coverage/waiver-coverage.queries';

// Port waivers owns: the composition binds it (libs/catalog)
export { WAIVER_SIGNERS, waiverKindOf } from './domain/shared/signer-directory.port';
export type { WaiverSignerDirectory, WaiverSignerFacts } from './domain/shared/signer-directory.port';

// Write side (Nest): modules, streams, the commands as data, the answer to custody's WAIVER_COVERAGE
export { WaiversModule, WaiversCommandsModule };
export { waiverStreams } from './commands/waiver-streams';
export { waiverHandlings } from './commands/waiver.handlings';
export type {
  PublishWaiverTemplateVersion as PublishWaiverTemplateVersionCommand,
  RetireWaiverTemplateVersion as RetireWaiverTemplateVersionCommand,
  RevokeWaiver as RevokeWaiverCommand,
  SignWaiver as SignWaiverCommand,
} from './commands/waiver.handlings';
export { WaiverRecords } from './commands/waiver-records';
export { WaiverCoverageFromSignatures } from './waiver-coverage/waiver-coverage-from-signatures';

/** What the composition (libs/catalog) runs of this context: custody's check is answered from the streams, coverage queries from the `waiver-coverage` read model. */
export const waiversContext: ContextDefinition<Type, ProjectionDefinition<any>, ReactionDefinition<any>> = {
  name: 'waivers',
  module: WaiversModule,
  commandsModule: WaiversCommandsModule,
  projections: waiverProjections,
  reactions: [],
  upcasters: [],
  schemaVersions,
  errorKinds,
  consultedCategories: WAIVER_CONSULTED_CATEGORIES,
};
