/**
 * Writes read-model changes so that applying them again changes nothing (docs/adr/0005).
 *
 * Every document a projection writes carries `_position`: the marker (event position + index of
 * the change within that event) of the last change applied to it. Each write is conditional on
 * `_position < marker` (written `$not: { $gte: marker }`), so a replayed change matches nothing. A replayed upsert then tries to
 * insert an `_id` that exists and fails with E11000: that is the "already applied" answer, checked
 * against the stored marker (a duplicate key on anything else is a real failure, never skipped).
 * Changes to one collection go in one ordered bulkWrite, so a document sees its changes in event
 * order; different collections are written concurrently (no change reads another document).
 */
import type { AnyBulkWriteOperation, Db, Document, Filter } from 'mongodb';
import type { ReadModelChange } from '../definition/projection-definition';
import { DUPLICATE_KEY, firstWriteError } from '../store/mongo-errors';

export const MARKER_FIELD = '_position';

export interface MarkedChange {
  change: ReadModelChange;
  /** changeMarker(position, index) */
  marker: string;
}

export class ReadModelWriteError extends Error {
  constructor(
    readonly collection: string,
    readonly code: number | undefined,
    message: string,
  ) {
    super(`writing ${collection}: ${message}`);
    this.name = 'ReadModelWriteError';
  }
}

export function toWriteModel({ change, marker }: MarkedChange): AnyBulkWriteOperation<Document> {
  // `$not: { $gte }` rather than `$lt`: the same for documents we wrote (all have a marker), and an
  // upsert's new document (which has none yet) satisfies it; see docs/adr/0005.
  const filter: Filter<Document> = { _id: change.id as never, [MARKER_FIELD]: { $not: { $gte: marker } } };
  switch (change.kind) {
    case 'upsert':
    case 'update':
      return { updateOne: { filter, update: withMarker(change.update, marker), upsert: change.kind === 'upsert' } };
    case 'replace':
      return { replaceOne: { filter, replacement: { ...change.document, _id: change.id, [MARKER_FIELD]: marker }, upsert: true } };
    case 'delete':
      return { deleteOne: { filter } };
    default: {
      const _never: never = change;
      throw new Error(`unknown change ${JSON.stringify(_never)}`);
    }
  }
}

function withMarker(update: Document, marker: string): Document {
  if (Array.isArray(update)) throw new Error('pipeline updates are not supported by projections: use update operators');
  const operators = Object.keys(update);
  if (operators.length === 0 || operators.some((key) => !key.startsWith('$'))) throw new Error(`a projection update needs update operators, got ${JSON.stringify(update)}`);
  return { ...update, $set: { ...(update.$set as Document | undefined), [MARKER_FIELD]: marker } };
}

/** Writes changes grouped by physical collection; resolves once every one is applied (or was already). */
export async function writeChanges(db: Db, byCollection: Map<string, MarkedChange[]>): Promise<void> {
  await Promise.all([...byCollection.entries()].map(([collection, changes]) => writeCollection(db, collection, changes)));
}

async function writeCollection(db: Db, name: string, changes: MarkedChange[]): Promise<void> {
  const collection = db.collection(name);
  let remaining = changes;
  while (remaining.length > 0) {
    try {
      await collection.bulkWrite(remaining.map(toWriteModel), { ordered: true });
      return;
    } catch (error) {
      const failure = firstWriteError(error);
      if (!failure) throw error;
      const failed = remaining[failure.index]!;
      if (failure.code !== DUPLICATE_KEY || !(await alreadyApplied(db, name, failed))) {
        throw new ReadModelWriteError(name, failure.code, failure.message);
      }
      // A replay (after a crash or a lost lease): drop every change the documents already have in
      // one query, rather than meeting them one duplicate key at a time.
      remaining = await withoutApplied(db, name, remaining.slice(failure.index + 1));
    }
  }
}

async function alreadyApplied(db: Db, collection: string, { change, marker }: MarkedChange): Promise<boolean> {
  const current = await db.collection(collection).findOne({ _id: change.id as never }, { projection: { [MARKER_FIELD]: 1 } });
  return typeof current?.[MARKER_FIELD] === 'string' && current[MARKER_FIELD] >= marker;
}

async function withoutApplied(db: Db, collection: string, changes: MarkedChange[]): Promise<MarkedChange[]> {
  if (changes.length === 0) return changes;
  const ids = [...new Set(changes.map(({ change }) => change.id))];
  const markers = new Map<unknown, string>();
  const cursor = db.collection(collection).find({ _id: { $in: ids as never[] } }, { projection: { [MARKER_FIELD]: 1 } });
  for await (const doc of cursor) markers.set(doc._id, doc[MARKER_FIELD] as string);
  return changes.filter(({ change, marker }) => {
    const applied = markers.get(change.id);
    return applied === undefined || applied < marker;
  });
}
