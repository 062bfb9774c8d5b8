/**
 * Writes a batch of read-model changes so that writing it again changes nothing (docs/adr/0005).
 *
 * Every document a projection writes carries `_position`: the marker (event position + index of
 * the change within its event) of the last change applied to it. For each batch and collection:
 *   1. read the documents the batch touches (one `$in` query per 500 ids);
 *   2. apply the batch's changes to them in memory, in event order, with MongoDB's update
 *      operators (mingo), skipping every change whose marker is not above the document's;
 *   3. write each changed document once, conditionally on the marker it was read with:
 *      insertOne (new), replaceOne({ _id, _position: read }) (changed), deleteOne (deleted).
 * A document whose write found it changed meanwhile (another process, a lost lease) is read and
 * redone. A replay after a crash re-reads documents whose writes landed and finds their markers
 * already past the replayed changes. No transaction is needed: each document is written once per
 * batch, atomically, and the checkpoint only moves once the whole batch is written.
 *
 * One write per document per batch is also what makes rebuilds fast: a document touched by many
 * events in a batch costs one write, and a new one costs one insert.
 *
 * Three shortcuts skip step 1 (a read per batch was most of a live projection's cost):
 *   - a document this track wrote lately is taken from `KnownDocuments` (what it wrote, marker
 *     included); if anyone else wrote it since, the conditional write finds another marker and the
 *     document is read and redone as above;
 *   - a document whose first change in the batch is a replace or a delete does not depend on what
 *     was stored: it is written blind, conditionally on holding an older marker than the batch's
 *     last change to it (an upsert; a duplicate-key answer means it already has them all);
 *   - while almost every unknown document of a collection turns out not to exist (a rebuild into
 *     fresh collections, one document per new stream or event), a document whose first change is
 *     an upsert is assumed new and inserted; a duplicate-key answer means it existed after all,
 *     and it is read and redone like any conflict. `KnownDocuments` keeps the odds per collection.
 */
import type { AnyBulkWriteOperation, Collection, Db, Document } from 'mongodb';
import type { DeriveFields, DocumentId, ReadModelChange } from '../definition/projection-definition';
import { BoundedMap } from '@handoff/shared/collections/bounded-map';
import { applySimpleUpdate } from '@handoff/shared/documents/simple-update';
import { DUPLICATE_KEY, isDuplicateKeyError } from '../store/mongo-errors';

export const MARKER_FIELD = '_position';
/** Bounded `$in` lists keep each read small for any server (and under the embedded one's range limit). */
const READ_CHUNK = 500;
const MAX_CONFLICT_ROUNDS = 10;

export interface MarkedChange {
  change: ReadModelChange;
  /** changeMarker(position, index) */
  marker: string;
}

export class ReadModelWriteError extends Error {
  constructor(
    readonly collection: string,
    message: string,
  ) {
    super(`writing ${collection}: ${message}`);
    this.name = 'ReadModelWriteError';
  }
}

type Stored = Document & { _id: DocumentId; [MARKER_FIELD]?: string };

interface DocumentPlan {
  id: DocumentId;
  changes: MarkedChange[];
  read: Stored | null;
  next: Stored | null;
  changed: boolean;
  /** Written without reading (first change a replace or delete). */
  blind?: boolean;
  /** Not read, inserted as new (first change an upsert, and the collection's odds say new). */
  assumedNew?: boolean;
}

/**
 * How often documents a track did not know turned out to exist, per collection: counts halved
 * every time they pass a window, so the odds follow the recent batches.
 */
class ExistenceOdds {
  private asked = 0;
  private existed = 0;

  record(asked: number, existed: number): void {
    this.asked += asked;
    this.existed += existed;
    if (this.asked > ExistenceOdds.WINDOW) {
      this.asked /= 2;
      this.existed /= 2;
    }
  }

  /** Insert first only on evidence: enough documents seen, nearly all of them new. */
  get mostlyNew(): boolean {
    return this.asked >= ExistenceOdds.EVIDENCE && this.existed <= this.asked * ExistenceOdds.AT_MOST_EXISTING;
  }

  private static readonly WINDOW = 4_000;
  private static readonly EVIDENCE = 100;
  private static readonly AT_MOST_EXISTING = 0.02;
}

interface CollectionMemory {
  documents: BoundedMap<DocumentId, Stored>;
  odds: ExistenceOdds;
}

/** Documents a track wrote lately, per physical collection, as it wrote them (bounded; lost on restart, which only costs reads). */
export class KnownDocuments {
  private readonly collections = new Map<string, CollectionMemory>();

  constructor(private readonly perCollection = 5_000) {}

  of(collection: string): CollectionMemory {
    let memory = this.collections.get(collection);
    if (!memory) this.collections.set(collection, (memory = { documents: new BoundedMap(this.perCollection), odds: new ExistenceOdds() }));
    return memory;
  }

  clear(): void {
    this.collections.clear();
  }
}

/**
 * Writes changes grouped by physical collection; resolves once every one is applied (or was already).
 * `derive` gives, per physical collection, the fields computed from each changed document.
 */
export async function writeChanges(db: Db, byCollection: Map<string, MarkedChange[]>, known?: KnownDocuments, derive?: ReadonlyMap<string, DeriveFields>): Promise<void> {
  await Promise.all([...byCollection.entries()].map(([collection, changes]) => writeCollection(db.collection(collection), changes, known?.of(collection), derive?.get(collection))));
}

async function writeCollection(collection: Collection<Stored>, changes: MarkedChange[], memory?: CollectionMemory, derive?: DeriveFields): Promise<void> {
  const known = memory?.documents;
  let plans = groupByDocument(changes);
  for (let round = 1; plans.length > 0; round++) {
    if (round > MAX_CONFLICT_ROUNDS)
      throw new ReadModelWriteError(
        collection.collectionName,
        `documents kept changing under us: ${plans
          .map((p) => String(p.id))
          .slice(0, 5)
          .join(', ')}`,
      );
    // First round: what the track wrote itself, what does not depend on what is stored, and (while
    // the odds say so) what is probably new, is not read.
    const insertFirst = round === 1 && memory?.odds.mostlyNew === true;
    const toRead: DocumentPlan[] = [];
    for (const plan of plans) {
      const kind = plan.changes[0]!.change.kind;
      const mine = round === 1 ? known?.get(plan.id) : undefined;
      if (mine) plan.read = mine;
      else if (round === 1 && (kind === 'replace' || kind === 'delete')) plan.blind = true;
      else if (insertFirst && kind === 'upsert') plan.assumedNew = true;
      else toRead.push(plan);
    }
    await readDocuments(collection, toRead);
    if (round === 1 && toRead.length > 0) memory?.odds.record(toRead.length, toRead.filter((plan) => plan.read).length);
    for (const plan of plans) applyPlan(plan, derive);
    const changed = plans.filter((plan) => plan.changed);
    const [conflicts] = await Promise.all([
      writeDocuments(
        collection,
        changed.filter((plan) => !plan.blind),
        known,
      ),
      writeBlind(
        collection,
        changed.filter((plan) => plan.blind),
        known,
      ),
    ]);
    if (insertFirst) {
      const assumed = plans.filter((plan) => plan.assumedNew).length;
      if (assumed > 0) memory?.odds.record(assumed, conflicts.filter((plan) => plan.assumedNew).length);
    }
    plans = conflicts;
  }
}

/**
 * Plans whose result does not depend on the stored document: replace it if it holds an older marker
 * than the batch's last change to it, or insert it; a duplicate-key answer means it already holds
 * that change (a replay), so there is nothing to do. Never a conflict.
 */
async function writeBlind(collection: Collection<Stored>, plans: DocumentPlan[], known?: BoundedMap<DocumentId, Stored>): Promise<void> {
  if (plans.length === 0) return;
  const operations: AnyBulkWriteOperation<Stored>[] = plans.map((plan) => {
    const last = plan.changes[plan.changes.length - 1]!.marker;
    const filter = { _id: plan.id, [MARKER_FIELD]: { $lt: last } } as never;
    return plan.next ? { replaceOne: { filter, replacement: plan.next, upsert: true } } : { deleteOne: { filter } };
  });
  let failed = new Set<number>();
  try {
    await collection.bulkWrite(operations, { ordered: false });
  } catch (error) {
    failed = duplicateKeyFailures(collection, error);
  }
  plans.forEach((plan, index) => {
    if (plan.next && !failed.has(index)) known?.set(plan.id, plan.next);
    else known?.delete(plan.id);
  });
}

/** Indexes of the operations a bulk write refused as duplicate keys; any other failure is thrown. */
function duplicateKeyFailures(collection: Collection<Stored>, error: unknown): Set<number> {
  const writeErrors = (error as { writeErrors?: unknown }).writeErrors;
  const errors = (Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : []) as { index: number; code: number; errmsg?: string }[];
  if (!isDuplicateKeyError(error) && errors.length === 0) throw error;
  const other = errors.find((e) => e.code !== DUPLICATE_KEY);
  if (other) throw new ReadModelWriteError(collection.collectionName, other.errmsg ?? `write error ${other.code}`);
  return new Set(errors.map((e) => e.index));
}

function groupByDocument(changes: MarkedChange[]): DocumentPlan[] {
  const plans = new Map<DocumentId, DocumentPlan>();
  for (const marked of changes) {
    const plan = plans.get(marked.change.id);
    if (plan) plan.changes.push(marked);
    else plans.set(marked.change.id, { id: marked.change.id, changes: [marked], read: null, next: null, changed: false });
  }
  return [...plans.values()];
}

async function readDocuments(collection: Collection<Stored>, plans: DocumentPlan[]): Promise<void> {
  const found = new Map<DocumentId, Stored>();
  const chunks: DocumentId[][] = [];
  for (let i = 0; i < plans.length; i += READ_CHUNK) chunks.push(plans.slice(i, i + READ_CHUNK).map((plan) => plan.id));
  const results = await Promise.all(chunks.map((ids) => collection.find({ _id: { $in: ids } } as never, { batchSize: ids.length }).toArray()));
  for (const doc of results.flat()) found.set(doc._id, doc as Stored);
  for (const plan of plans) plan.read = found.get(plan.id) ?? null;
}

/**
 * Applies the document's changes in order, skipping those it already has, then sets the fields
 * `derive` computes from the changed document. Pure: exported for unit tests.
 */
export function applyChanges(read: Stored | null, changes: MarkedChange[], derive?: DeriveFields): { next: Stored | null; changed: boolean } {
  let next: Stored | null = read ? cloneDocument(read) : null;
  let changed = false;
  for (const { change, marker } of changes) {
    const applied = next?.[MARKER_FIELD];
    if (next && applied !== undefined && applied >= marker) continue;
    switch (change.kind) {
      case 'upsert':
      case 'update': {
        if (!next && change.kind === 'update') continue;
        const inserting = !next;
        next ??= { _id: change.id };
        // The common operators as plain property writes; the rest (and their validation) through mingo.
        if (!isEmptyUpdate(change.update) && !applySimpleUpdate(next, change.update, undefined, { inserting })) applyOperators(next, operatorsFor(change.update, inserting));
        next[MARKER_FIELD] = marker;
        break;
      }
      case 'replace':
        next = { ...change.document, _id: change.id, [MARKER_FIELD]: marker };
        break;
      case 'delete':
        if (!next) continue;
        next = null;
        break;
      default: {
        const _never: never = change;
        throw new Error(`unknown change ${JSON.stringify(_never)}`);
      }
    }
    changed = true;
  }
  if (changed && next && derive) Object.assign(next, derive(next));
  return { next: next && idFirst(next), changed };
}

function applyPlan(plan: DocumentPlan, derive?: DeriveFields): void {
  const { next, changed } = applyChanges(plan.read, plan.changes, derive);
  plan.next = next;
  // Blind: nothing was read, so "no document" is unknown, not absent; a leading delete must still be sent.
  plan.changed = changed || plan.blind === true;
}

type Mutator = (doc: Document) => unknown;
// A package subpath export, which this tsconfig's module resolution does not see: typed here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const OPERATORS = require('mingo/operators/update') as Record<string, ((expression: unknown) => Mutator) | undefined>;

/**
 * MongoDB's update operators as mingo implements them, called directly: mingo's `update()` builds
 * a fresh operator context on every call, which costs ten times the update itself.
 */
function applyOperators(doc: Document, update: Document): void {
  for (const [operator, expression] of Object.entries(update)) {
    const compile = OPERATORS[operator];
    if (!compile) throw new Error(`unsupported update operator ${operator}`);
    compile(cloneDocument(expression))(doc);
  }
}

/**
 * A copy of a document's plain objects and arrays; every other value (strings, numbers, and BSON
 * values such as ObjectId, Date, Decimal128, Long, Binary, which update operators replace but never
 * mutate) is kept as it is. Not structuredClone: it turns BSON class instances into plain objects
 * (an ObjectId would be written back as a subdocument), and under Jest its copies come from another
 * realm, whose objects mingo does not treat as plain (a `$set` of such an object was ignored).
 */
export function cloneDocument<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneDocument) as T;
  if (value !== null && typeof value === 'object' && isPlainObject(value)) {
    const copy: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) copy[key] = cloneDocument(field);
    return copy as T;
  }
  return value;
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null;
  return prototype === null || prototype === Object.prototype || prototype.constructor?.name === 'Object';
}

const isEmptyUpdate = (update: Document): boolean => {
  for (const _ in update) return false;
  return true;
};

/** `$setOnInsert` applies only when the change creates the document, as in a MongoDB upsert. */
function operatorsFor(update: Document, inserting: boolean): Document {
  if (Array.isArray(update)) throw new Error('pipeline updates are not supported by projections: use update operators');
  const operators = Object.keys(update);
  if (operators.length === 0 || operators.some((key) => !key.startsWith('$'))) throw new Error(`a projection update needs update operators, got ${JSON.stringify(update)}`);
  const { $setOnInsert, ...rest } = update;
  if (!inserting || !$setOnInsert) return rest;
  return { ...rest, $set: { ...(rest.$set as Document | undefined), ...($setOnInsert as Document) } };
}

/** Writes each changed document once; returns the plans whose document changed meanwhile (to redo). */
async function writeDocuments(collection: Collection<Stored>, plans: DocumentPlan[], known?: BoundedMap<DocumentId, Stored>): Promise<DocumentPlan[]> {
  if (plans.length === 0) return [];
  const operations: AnyBulkWriteOperation<Stored>[] = [];
  const written: DocumentPlan[] = [];
  for (const plan of plans) {
    const operation = writeFor(plan);
    if (!operation) continue;
    operations.push(operation);
    written.push(plan);
  }
  if (operations.length === 0) return [];
  let result: { matchedCount: number; deletedCount: number } | undefined;
  let failedInserts = new Set<number>();
  try {
    result = await collection.bulkWrite(operations, { ordered: false });
  } catch (error) {
    failedInserts = duplicateKeyFailures(collection, error);
    result = (error as { result?: { matchedCount: number; deletedCount: number } }).result;
  }
  const expectedMatches = written.filter((p) => p.read && p.next).length;
  const expectedDeletes = written.filter((p) => p.read && !p.next).length;
  const conflicts = written.filter((_, index) => failedInserts.has(index));
  if (!result || result.matchedCount < expectedMatches || result.deletedCount < expectedDeletes) {
    conflicts.push(
      ...(await lostConditionalWrites(
        collection,
        written.filter((p) => p.read),
      )),
    );
  }
  const redo = new Set(conflicts);
  for (const plan of written) {
    if (redo.has(plan) || !plan.next) known?.delete(plan.id);
    else known?.set(plan.id, plan.next);
  }
  return conflicts.map((plan) => ({ ...plan, read: null, next: null, changed: false, blind: false, assumedNew: plan.assumedNew }));
}

function writeFor(plan: DocumentPlan): AnyBulkWriteOperation<Stored> | undefined {
  const { read, next } = plan;
  if (!read && next) return { insertOne: { document: next } };
  const filter = { _id: plan.id, [MARKER_FIELD]: read?.[MARKER_FIELD] } as never;
  if (read && next) return { replaceOne: { filter, replacement: next } };
  if (read && !next) return { deleteOne: { filter } };
  return undefined;
}

/** Replaces and deletes that matched nothing: the document no longer carries the marker we read. */
async function lostConditionalWrites(collection: Collection<Stored>, plans: DocumentPlan[]): Promise<DocumentPlan[]> {
  const current = new Map<DocumentId, string | undefined>();
  for (let i = 0; i < plans.length; i += READ_CHUNK) {
    const ids = plans.slice(i, i + READ_CHUNK).map((plan) => plan.id);
    for (const doc of await collection.find({ _id: { $in: ids } } as never, { projection: { [MARKER_FIELD]: 1 } }).toArray()) current.set(doc._id, doc[MARKER_FIELD]);
  }
  return plans.filter((plan) => (plan.next ? current.get(plan.id) !== plan.next[MARKER_FIELD] : current.has(plan.id)));
}

/** The document with `_id` as its first field (as stored documents are), copied only when it is not already. */
function idFirst(doc: Stored): Stored {
  for (const key in doc) {
    if (key === '_id') return doc;
    break;
  }
  const { _id, ...rest } = doc;
  return { _id, ...rest };
}
