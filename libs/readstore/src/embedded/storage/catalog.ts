/**
 * What the store knows about its collections and indexes. Persisted in LMDB's `catalog` database
 * (one entry per namespace), cached in memory; every change is written inside the same write
 * transaction as the documents it describes.
 */
export type IndexDirection = 1 | -1;

export interface IndexSpec {
  /** Key prefix of this index's entries in the `indexes` database. */
  id: number;
  name: string;
  key: [string, IndexDirection][];
  unique: boolean;
  /** Set once any document put an array into an indexed field. */
  multikey: boolean;
  /**
   * The indexed fields that held an array (MongoDB's `multiKeyPaths`): a range on such a field is not
   * a range of keys, and no order by it comes from the index; the other fields keep both. Absent on
   * an index that became multikey before fields were tracked: then every field counts as multikey.
   */
  multikeyPaths?: string[];
}

/** Whether `field` of the index may hold arrays (see `multikeyPaths`). */
export const isMultikeyField = (index: Pick<IndexSpec, 'multikey' | 'multikeyPaths'>, field: string): boolean =>
  index.multikey && (index.multikeyPaths === undefined || index.multikeyPaths.includes(field));

export interface CollectionMeta {
  /** Key prefix of this collection's documents in the `documents` database. */
  id: number;
  db: string;
  name: string;
  /** hex of the collection's UUID (listCollections `info.uuid`). */
  uuid: string;
  options: Record<string, unknown>;
  indexes: IndexSpec[];
  count: number;
  bytes: number;
}

export const ID_INDEX_NAME = '_id_';

/** The `_id` index as duplicate key errors and plans name it (it has no entries of its own: documents are keyed by `_id`). */
export const ID_INDEX: Pick<IndexSpec, 'name' | 'key'> = { name: ID_INDEX_NAME, key: [['_id', 1]] };

export const namespaceOf = (db: string, collection: string): string => `${db}.${collection}`;

export const keyPatternOf = (index: Pick<IndexSpec, 'key'>): Record<string, number> => Object.fromEntries(index.key.map(([field, direction]) => [field, direction]));

/** MongoDB's default index name: `a_1_b_-1`. */
export const defaultIndexName = (key: [string, IndexDirection][]): string => key.map(([field, direction]) => `${field}_${direction}`).join('_');
