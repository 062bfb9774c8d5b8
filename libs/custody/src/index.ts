/**
 * The custody context's only door (ADR 0021): parcels and hub cycles, their deciders, commands,
 * events, states and refusals; the ports custody owns (PARTY_DIRECTORY, WAIVER_COVERAGE) for the
 * composition to bind; and its definition (module, projections, schema versions, refusal codes).
 * Participants and personal data are contexts of their own. The hash chain is cross-context and
 * lives in `@handoff/shared` (ADR 0004).
 */
import type { Type } from '@nestjs/common';
import type { ContextDefinition, DomainErrorKind } from '@handoff/kernel';
import type { ProjectionDefinition } from '@handoff/projections';
import type { ReactionDefinition } from '@handoff/reactions';
import { CONSULTED_CATEGORIES } from './commands/shared/custody-streams';
import { CustodyModule } from './custody.module';
import { CustodyCommandsModule } from './custody-commands.module';
import { custodyUpcasters } from './custody-upcasters';
import { custodyReactions } from './reactions/hub-cycle-intake.reaction';
import { custodyEventSchemaVersions } from './custody-schema-versions';
import { hubCycleErrorKinds } from './domain/hub-cycle/hub-cycle.errors';
import { parcelErrorKinds } from './domain/parcel/parcel.errors';
import { custodyProjections } from './read-models/custody-projections';

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
export type { CoveringWaiver, GrossNegligenceClause, WaiverCoverage, WaiverCoveragePort } from './domain/parcel/waiver-coverage.port';

// Ports custody owns: the composition binds them (libs/catalog)
export { PARTY_DIRECTORY } from './domain/shared/party-directory.port';
export type { CollectivePolicy, CourierEngagementKind, PartyDirectory, PartyFacts, PartyKind, PartyProfile, PartyProfileOf } from './domain/shared/party-directory.port';

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

// Write side over HTTP (Nest): the module, stream names, what commands answer
export { CustodyModule, CustodyCommandsModule, custodyProjections, CONSULTED_CATEGORIES };
export { custodyHandlings } from './custody-commands.module';
export { custodyReactions, hubCycleIntakeReaction } from './reactions/hub-cycle-intake.reaction';
export { custodyUpcasters } from './custody-upcasters';
export { custodyStreams } from './commands/shared/custody-streams';
export { CustodyEdge } from './commands/shared/custody-edge';
export { custodyEventSchemaVersions };

/** Every refusal code of this context and how to answer it (not-found 404, conflict 409, rule-broken 422). */
export const custodyErrorKinds: Readonly<Record<string, DomainErrorKind>> = {
  ...parcelErrorKinds,
  ...hubCycleErrorKinds,
};

/** What the composition (libs/catalog) runs of this context. */
export const custodyContext: ContextDefinition<Type, ProjectionDefinition<any>, ReactionDefinition<any>> = {
  name: 'custody',
  module: CustodyModule,
  commandsModule: CustodyCommandsModule,
  projections: custodyProjections,
  reactions: custodyReactions,
  schemaVersions: custodyEventSchemaVersions,
  upcasters: custodyUpcasters,
  errorKinds: custodyErrorKinds,
  consultedCategories: CONSULTED_CATEGORIES,
};
