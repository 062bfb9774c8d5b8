import type { DomainErrorKind } from './domain-error';
import type { SchemaVersionCatalogue } from './schema-versions';

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
  module: Module;
  projections: readonly Projection[];
  reactions: readonly Reaction[];
  /** Checked against the upcaster registry when the module starts (assertSchemaVersions). */
  schemaVersions: SchemaVersionCatalogue;
  /** Every refusal code and its kind (not-found 404, conflict 409, rule-broken 422, forbidden 403). */
  errorKinds: Readonly<Record<string, DomainErrorKind>>;
  /**
   * Stream categories this context's commands consult without writing: the aggregate cache follows
   * their changes, so a consulting read needs no round trip (a category left out is read fresh).
   */
  consultedCategories: readonly string[];
}
