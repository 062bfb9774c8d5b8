/**
 * Every event type a context writes is registered with the schema version this code writes and reads.
 * The event store stamps each envelope with `UpcasterRegistry.currentVersion(type)`, so the
 * two must agree: call `assertSchemaVersions` when the module starts, after registering the
 * context's upcasters, and a forgotten upcaster stops the process instead of mislabelling events.
 */
/**
 * One step of an old event shape to the next (`fromVersion` to `fromVersion + 1`), pure: it sees the
 * stored data only. A context lists its steps in its definition; the event store registers them.
 */
export interface UpcastStep {
  type: string;
  fromVersion: number;
  upcast: (data: any) => object;
}

export type SchemaVersionCatalogue = Readonly<Record<string, number>>;

export interface SchemaVersionSource {
  currentVersion(type: string): number;
}

export class SchemaVersionMismatchError extends Error {
  readonly code = 'EVENTS.SCHEMA_VERSION_MISMATCH';

  constructor(readonly mismatches: { type: string; domain: number; registry: number }[]) {
    super('event schema versions disagree with the upcaster registry: ' + mismatches.map((m) => `${m.type} is v${m.domain} in the domain, v${m.registry} in the registry`).join('; '));
    this.name = 'SchemaVersionMismatchError';
  }
}

export function assertSchemaVersions(source: SchemaVersionSource, ...catalogues: SchemaVersionCatalogue[]): void {
  const mismatches = catalogues
    .flatMap((catalogue) => Object.entries(catalogue))
    .map(([type, domain]) => ({ type, domain, registry: source.currentVersion(type) }))
    .filter((entry) => entry.domain !== entry.registry);
  if (mismatches.length > 0) throw new SchemaVersionMismatchError(mismatches);
}
