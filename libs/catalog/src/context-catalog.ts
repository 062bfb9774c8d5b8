/**
 * Every bounded context Handoff runs, each by the one definition its index.ts exports, and the
 * composition of their modules: the apps take modules, projections, schema versions and refusal
 * codes from here, never from a context directly. Contexts add theirs to CONTEXTS.
 */
import { Global, Module, type Type } from '@nestjs/common';
import { CommandsModule } from '@handoff/commands';
import { custodyContext, PARTY_DIRECTORY, WAIVER_COVERAGE } from '@handoff/custody';
import type { ContextDefinition, DomainErrorKind, SchemaVersionCatalogue, UpcastStep } from '@handoff/kernel';
import { ParticipantDirectory, participantsContext, ParticipantsCommandsModule } from '@handoff/participants';
import { personalDataContext } from '@handoff/personal-data';
import type { ProjectionDefinition } from '@handoff/projections';
import type { ReactionDefinition } from '@handoff/reactions';
import { PAY_PARTIES, payContext } from '@handoff/pay';
import { ROSTER_PARTIES, rostersContext } from '@handoff/rosters';
import { WAIVER_SIGNERS, WaiverCoverageFromSignatures, waiversContext, WaiversCommandsModule } from '@handoff/waivers';

export type HandoffContext = ContextDefinition<Type, ProjectionDefinition<any>, ReactionDefinition<any>>;

/** In the order their modules start: a context after those whose ports it asks. */
export const CONTEXTS: readonly HandoffContext[] = [personalDataContext, participantsContext, waiversContext, custodyContext, payContext, rostersContext];

/** Every event type any context writes, with its schema version. */
export const SCHEMA_VERSIONS: SchemaVersionCatalogue = Object.assign({}, ...CONTEXTS.map((context) => context.schemaVersions));

/** Every old event shape any context still reads: the event store registers them before anything reads or writes. */
export const UPCASTERS: readonly UpcastStep[] = CONTEXTS.flatMap((context) => [...context.upcasters]);

/** Every refusal code any context answers with, and its kind. */
export const ERROR_KINDS: Readonly<Record<string, DomainErrorKind>> = Object.assign({}, ...CONTEXTS.map((context) => context.errorKinds));

/** Stream categories some context's commands consult: the aggregate cache follows their changes. */
export const CONSULTED_CATEGORIES: readonly string[] = [...new Set(CONTEXTS.flatMap((context) => context.consultedCategories))];

/**
 * Ports a context owns and another answers, bound here, by the composition, so that neither context
 * knows the other's insides: custody asks PARTY_DIRECTORY and the waivers context asks
 * WAIVER_SIGNERS, the rosters context asks ROSTER_PARTIES (hubs, coordinators, volunteers) and pay
 * asks PAY_PARTIES (payees, hubs' coordinators and time zones): the participants context's directory
 * answers all four; custody asks WAIVER_COVERAGE, the waivers context answers it from the courier's
 * signature stream.
 * Global, because the modules that ask are the contexts' own.
 */
@Global()
@Module({
  imports: [ParticipantsCommandsModule, WaiversCommandsModule],
  providers: [
    { provide: PARTY_DIRECTORY, useExisting: ParticipantDirectory },
    { provide: WAIVER_SIGNERS, useExisting: ParticipantDirectory },
    { provide: WAIVER_COVERAGE, useExisting: WaiverCoverageFromSignatures },
    { provide: ROSTER_PARTIES, useExisting: ParticipantDirectory },
    { provide: PAY_PARTIES, useExisting: ParticipantDirectory },
  ],
  exports: [PARTY_DIRECTORY, WAIVER_SIGNERS, WAIVER_COVERAGE, ROSTER_PARTIES, PAY_PARTIES],
})
class ContextPortsModule {}

/**
 * Every context's module, the ports bound between them, and the one command dispatcher they share.
 * The api and the all-in-one import this once; it re-exports what the API's platform uses (the
 * one ApiKeyStore, from the participants context).
 */
@Module({
  imports: [CommandsModule, ContextPortsModule, ...CONTEXTS.map((context) => context.module)],
  exports: [CommandsModule, ...CONTEXTS.map((context) => context.module)],
})
export class ContextsModule {}

/**
 * The contexts' write sides without HTTP, the ports bound between them and the one dispatcher: what
 * the projector imports to decide the commands its reactions issue exactly as the api decides a
 * route's (ADR 0017). In the all-in-one's inline mode both this and ContextsModule are imported;
 * Nest makes each module once, so there is still one dispatcher with each handling once.
 */
@Module({
  imports: [CommandsModule, ContextPortsModule, ...CONTEXTS.flatMap((context) => (context.commandsModule ? [context.commandsModule] : []))],
  exports: [CommandsModule],
})
export class ContextCommandsModule {}
