/**
 * The rosters context's only door (ADR 0028): volunteer rosters (published with notice, changes
 * recorded as broken promises), shifts worked, surge windows and first refusal; the port it owns
 * (ROSTER_PARTIES, answered by the participants context) and its definition for the composition.
 * Pay prices the two facts `ShiftWorked` and `SurgeDeliveryClaimed`: their shapes are the contract
 * between the two contexts, and rosters never imports pay.
 */
import type { Type } from '@nestjs/common';
import type { ContextDefinition } from '@handoff/kernel';
import type { ProjectionDefinition } from '@handoff/projections';
import type { ReactionDefinition } from '@handoff/reactions';
import { ROSTER_CONSULTED_CATEGORIES } from './commands/roster-streams';
import { rosterErrorKinds as errorKinds } from './domain/shared/roster.errors';
import { rosterEventSchemaVersions as schemaVersions } from './domain/roster-event-schema-versions';
import { rosterProjections } from './read-models/roster-projections';
import { RostersCommandsModule } from './rosters-commands.module';
import { RostersModule } from './rosters.module';

// The facts pay prices
export type { ShiftWork, ShiftWorked } from './domain/shift/shift.events';
export type { SurgeDeliveryClaimed } from './domain/surge/surge.events';

// Rosters: stream `roster-<hubId>`; surge windows: stream `surge-<windowId>`
export type { RosterEvent, RosterPromiseBroken, RosterShiftCancelled, RosterShiftChanged, RosterShiftPublished, ShiftChangeReason, ShiftTerms } from './domain/shift/shift.events';
export { SHIFT_CHANGE_REASONS } from './domain/shift/shift.events';
export type { GigReleaseReason, SurgeDeliveryOffered, SurgeDeliveryReleasedToGig, SurgeEvent, SurgeOfferDeclined, SurgeOfferLapsed, SurgeWindowDeclared } from './domain/surge/surge.events';
export { rosterDecider } from './domain/shift/roster.decider';
export { surgeDecider } from './domain/surge/surge.decider';
export { sortersOf } from './domain/shift/roster.state';
export { rosterErrorKinds, rosterErrors } from './domain/shared/roster.errors';
export type { RosterErrorCode } from './domain/shared/roster.errors';
export { rosterEventSchemaVersions } from './domain/roster-event-schema-versions';

// Port rosters owns: the composition binds it (libs/catalog)
export { ROSTER_PARTIES } from './domain/shared/roster-parties.port';
export type { RosterPartyDirectory, RosterPartyFacts } from './domain/shared/roster-parties.port';

// Write side (Nest) and read side
export { RostersModule, RostersCommandsModule };
export { rosterStreams } from './commands/roster-streams';
export { RosterRecords } from './commands/roster-records';
export { rosterHandlings } from './commands/roster.handlings';
export { surgeHandlings } from './commands/surge.handlings';
export type { CancelRosterShift, ChangeRosterShift, PublishRosterShifts, RecordShiftWorked } from './commands/roster.handlings';
export type { ClaimSurgeOffer, DeclareSurgeWindow, DeclineSurgeOffer, OfferSurgeDelivery, RecordSurgeLapses, ReleaseSurgeDeliveryToGig } from './commands/surge.handlings';
export { rosterProjections };
export { RosterQueries } from './read-models/roster-queries';
export type { PromiseTally, SurgeBlockReport } from './read-models/roster-queries';
export { SURGE_DELIVERIES, SURGE_WINDOWS, surgeOffersProjection } from './read-models/surge-offers/surge-offers.projection';

/** What the composition (libs/catalog) runs of this context. */
export const rostersContext: ContextDefinition<Type, ProjectionDefinition<any>, ReactionDefinition<any>> = {
  name: 'rosters',
  module: RostersModule,
  commandsModule: RostersCommandsModule,
  projections: rosterProjections,
  reactions: [],
  upcasters: [],
  schemaVersions,
  errorKinds,
  consultedCategories: ROSTER_CONSULTED_CATEGORIES,
};
