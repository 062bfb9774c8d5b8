/**
 * What a projection is: a name, a version, the read-model collections it owns, and one pure
 * handler per event type it cares about. A handler turns one event into read-model changes
 * addressed to documents by `_id`; the runtime makes them idempotent, batches and writes them.
 *
 *   export const parcelBoard = defineProjection<ParcelEvent>({
 *     name: 'parcel-board',
 *     version: 1,
 *     collections: { parcels: { indexes: [{ key: { hubId: 1, updatedAt: -1 } }] } },
 *     handlers: {
 *       ParcelRegistered: (e) => [upsert('parcels', e.data.parcelId, { $set: { hubId: e.data.destinationHubId } })],
 *     },
 *   });
 *
 * Bump `version` when handlers change meaning: the runtime rebuilds into fresh collections from
 * the start of `$all` while the old ones keep serving, then switches readers over.
 */
import type { DomainEvent, RecordedEnvelope } from '@handoff/eventstore';
import type { Document, IndexDescription } from 'mongodb';

export type DocumentId = string | number;

/** MongoDB update operators (`$set`, `$inc`, `$push`, …); pipelines and replacements are not updates here. */
export type ReadModelUpdate = Document;

/** A change to one read-model document, addressed by collection (logical name) and `_id`. */
export type ReadModelChange =
  /** Apply update operators; create the document (from `_id` and the update) when absent. */
  | { kind: 'upsert'; collection: string; id: DocumentId; update: ReadModelUpdate }
  /** Apply update operators to the document if it exists; nothing otherwise. */
  | { kind: 'update'; collection: string; id: DocumentId; update: ReadModelUpdate }
  /** Replace the whole document (creating it when absent). */
  | { kind: 'replace'; collection: string; id: DocumentId; document: Document }
  | { kind: 'delete'; collection: string; id: DocumentId };

export const upsert = (collection: string, id: DocumentId, update: ReadModelUpdate): ReadModelChange => ({ kind: 'upsert', collection, id, update });
export const update = (collection: string, id: DocumentId, changes: ReadModelUpdate): ReadModelChange => ({ kind: 'update', collection, id, update: changes });
export const replace = (collection: string, id: DocumentId, document: Document): ReadModelChange => ({ kind: 'replace', collection, id, document });
export const remove = (collection: string, id: DocumentId): ReadModelChange => ({ kind: 'delete', collection, id });

export type ProjectionHandler<E extends DomainEvent> = (event: RecordedEnvelope<E>) => ReadModelChange[];

export type ProjectionHandlers<E extends DomainEvent> = {
  [T in E['type']]?: ProjectionHandler<Extract<E, { type: T }>>;
};

/** Fields computed from a whole read-model document (see `ReadModelCollection.derive`). */
export type DeriveFields = (document: Document) => Document;

export interface ReadModelCollection {
  /** Secondary indexes, created on every generation of the collection before it is written. */
  indexes?: IndexDescription[];
  /**
   * Fields computed from the document itself, set on it after each batch's changes to it, for what
   * no single event carries: e.g. a parcel's listing tags, one per (who may see it × what it is
   * listed by), which depend on its retailer, hubs, holder and flags set by different events.
   * Pure and deterministic: a replay writes the same document.
   */
  derive?: DeriveFields;
}

export interface ProjectionDefinition<E extends DomainEvent = DomainEvent> {
  /** Lowercase words and dashes: `parcel-board`. Also names its lease, checkpoint and registry entry. */
  name: string;
  /** A positive integer; bumping it rebuilds the projection into fresh collections. */
  version: number;
  /** Logical collection names (what handlers and readers use) and their indexes. */
  collections: Record<string, ReadModelCollection>;
  handlers: ProjectionHandlers<E>;
}

export class ProjectionDefinitionError extends Error {
  readonly code = 'PROJECTIONS.INVALID_DEFINITION';

  constructor(name: string, detail: string) {
    super(`projection "${name}": ${detail}`);
    this.name = 'ProjectionDefinitionError';
  }
}

/** Checks a definition once, where it is declared, so a typo fails at start-up rather than mid-stream. */
export function defineProjection<E extends DomainEvent>(definition: ProjectionDefinition<E>): ProjectionDefinition<E> {
  const { name, version, collections, handlers } = definition;
  const identity = subscriberIdentityProblem(name, version, Object.keys(handlers));
  if (identity) throw new ProjectionDefinitionError(name, identity);
  const names = Object.keys(collections);
  if (names.length === 0) throw new ProjectionDefinitionError(name, 'it must declare at least one collection');
  for (const collection of names) {
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(collection) || collection.includes('__')) {
      throw new ProjectionDefinitionError(name, `collection "${collection}" must be letters, digits and single underscores`);
    }
  }
  if (handledEventTypes(definition).length === 0) throw new ProjectionDefinitionError(name, 'it must handle at least one event type');
  return definition;
}

/**
 * What projections and reactions share about their identity (it names their leases, checkpoints and,
 * for reactions, idempotency keys): lowercase words and dashes, a positive integer version, and no
 * EventStoreDB system event types. Undefined when all is well, else what is wrong.
 */
export function subscriberIdentityProblem(name: string, version: number, eventTypes: string[]): string | undefined {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name)) return 'the name must be lowercase words joined by dashes';
  if (!Number.isInteger(version) || version < 1) return `the version must be a positive integer, got ${version}`;
  const system = eventTypes.find((type) => type.startsWith('$'));
  return system === undefined ? undefined : `system event type "${system}" cannot be subscribed to`;
}

/** The event types a subscriber's handlers name (projections and reactions alike). */
export const handledEventTypes = (definition: { handlers: object }): string[] =>
  Object.entries(definition.handlers)
    .filter(([, handler]) => typeof handler === 'function')
    .map(([type]) => type);

/** Runs the handler for an event; events of other types produce nothing. */
export function project(definition: ProjectionDefinition<any>, event: RecordedEnvelope): ReadModelChange[] {
  const handler = (definition.handlers as Record<string, ProjectionHandler<DomainEvent> | undefined>)[event.type];
  if (!handler) return [];
  const changes = handler(event);
  for (const change of changes) {
    if (!Object.prototype.hasOwnProperty.call(definition.collections, change.collection)) {
      throw new ProjectionDefinitionError(definition.name, `handler for ${event.type} wrote to undeclared collection "${change.collection}"`);
    }
  }
  return changes;
}
