import type { DomainErrorKind } from './domain-error';
import type { SchemaVersionCatalogue, UpcastStep } from './schema-versions';

/**
 * What a bounded context publishes from its index.ts, and all that the composition (libs/catalog)
 * needs to run it: its module (a Nest module; written as a type parameter so the kernel names no
 * framework), the projections and reactions that feed on its events, the schema version of every
 * event type it writes, and every refusal code it answers with. The apps take all of these from the
 * catalogue's one list, never from a context directly.
 */
export interface ContextDefinition<Module = unknown, Projection = unknown, Reaction = unknown> {
  /** The library's name: `libs/<name>`, `@handoff/<name>`. */
  name: string;
  /** Everything the context serves in the api: its HTTP routes, queries, and its write side. */
  module: Module;
  /**
   * Its write side without HTTP (its handlings on the one dispatcher, its ports asked, its schema
   * check): what the projector imports so that a reaction's commands are decided exactly as a
   * route's. Absent for a context with no command on the dispatcher.
   */
  commandsModule?: Module;
  projections: readonly Projection[];
  reactions: readonly Reaction[];
  /** Checked against the upcaster registry when the module starts (assertSchemaVersions). */
  schemaVersions: SchemaVersionCatalogue;
  /** Every old shape of its events it still reads, one step each (registered by the event store). */
  upcasters: readonly UpcastStep[];
  /** Every refusal code and its kind (not-found 404, conflict 409, rule-broken 422, forbidden 403). */
  errorKinds: Readonly<Record<string, DomainErrorKind>>;
  /**
   * Stream categories this context's commands consult without writing: the aggregate cache follows
   * their changes, so a consulting read needs no round trip (a category left out is read fresh).
   */
  consultedCategories: readonly string[];
}
