/**
 * Every bounded context Handoff runs, each by the one definition its index.ts exports, and the
 * composition of their modules: the apps take modules, projections, schema versions and refusal
 * codes from here, never from a context directly. Contexts add theirs to CONTEXTS.
 */
import { Global, Module, type Type } from '@nestjs/common';
import { CommandsModule } from '@handoff/commands';
import { custodyContext, NoRecordedWaivers, PARTY_DIRECTORY, WAIVER_COVERAGE } from '@handoff/custody';
import type { ContextDefinition, DomainErrorKind, SchemaVersionCatalogue } from '@handoff/kernel';
import { ParticipantDirectory, participantsContext, ParticipantsModule } from '@handoff/participants';
import { personalDataContext } from '@handoff/personal-data';
import type { ProjectionDefinition } from '@handoff/projections';
import type { ReactionDefinition } from '@handoff/reactions';

export type HandoffContext = ContextDefinition<Type, ProjectionDefinition<any>, ReactionDefinition<any>>;

/** In the order their modules start: a context after those whose ports it asks. */
export const CONTEXTS: readonly HandoffContext[] = [personalDataContext, participantsContext, custodyContext];

/** Every event type any context writes, with its schema version. */
export const SCHEMA_VERSIONS: SchemaVersionCatalogue = Object.assign({}, ...CONTEXTS.map((context) => context.schemaVersions));

/** Every refusal code any context answers with, and its kind. */
export const ERROR_KINDS: Readonly<Record<string, DomainErrorKind>> = Object.assign({}, ...CONTEXTS.map((context) => context.errorKinds));

/** Stream categories some context's commands consult: the aggregate cache follows their changes. */
export const CONSULTED_CATEGORIES: readonly string[] = [...new Set(CONTEXTS.flatMap((context) => context.consultedCategories))];

/**
 * Ports a context owns and another answers, bound here, by the composition, so that neither context
 * knows the other's insides: custody asks PARTY_DIRECTORY, the participants context answers it;
 * custody asks WAIVER_COVERAGE, and until the waivers context answers it, "no recorded waivers" does.
 * Global, because the modules that ask are the contexts' own.
 */
@Global()
@Module({
  imports: [ParticipantsModule],
  providers: [
    { provide: PARTY_DIRECTORY, useExisting: ParticipantDirectory },
    { provide: WAIVER_COVERAGE, useClass: NoRecordedWaivers },
  ],
  exports: [PARTY_DIRECTORY, WAIVER_COVERAGE],
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
