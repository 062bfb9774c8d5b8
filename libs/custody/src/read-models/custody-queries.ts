/**
 * The custody questions, answered from the read models (never from the event log): a parcel's
 * current state, its custody chain (now or as of any instant), lists of parcels, parcels held
 * over 24 hours right now, and hub load per cycle. Every answer is scoped to what the viewer may
 * see (parcel-access.ts); a parcel the viewer may not see is "not found", so ids cannot be probed.
 */
import type { Collection, Document, Filter } from 'mongodb';
import { MARKER_FIELD } from '@handoff/projections';
import type { ReadModels } from '@handoff/projections';
import type { Clock } from '@handoff/shared';
import { parcelErrors } from '../domain/parcel/parcel.errors';
import type { PersonalDataEnvelope } from '@handoff/kernel';
import type { PersonalDataVault, RecipientPersonalData } from '@handoff/personal-data';
import { custodyChainProjection, CustodyStep, CustodyStepDocument, CUSTODY_STEPS, CycleIntake } from './custody-chain/custody-chain.projection';
import { custodyChainView, CustodyChainView, LONG_HOLD_MS } from './custody-chain/custody-chain.view';
import { HUB_CYCLES, hubLoadProjection } from './hub-load/hub-load.projection';
import { canSeeParcel, canSeeRecipient, ParcelAccessFacts, seesEveryParcel, Viewer, visibleParcelsFilter } from './parcel-access';
import { listingQuery, scopeOf, TAGGED_SINCE_VERSION, untaggedListFilter } from './parcel-board/parcel-board.listing';
import { JsonPage, LIST_ITEM, LIST_ITEM_STORED_SINCE_VERSION, listItemOf } from './parcel-board/parcel-board.list-item';
import { BoardStatus, ParcelFlag, PARCELS, parcelBoardProjection } from './parcel-board/parcel-board.projection';

export const MAX_PAGE = 100;

/** A stored step without its bookkeeping: what custodyChainView reads. */
const STEP_ONLY = { _id: 0, parcelId: 0, revision: 0, [MARKER_FIELD]: 0 } satisfies Partial<Record<keyof CustodyStepDocument | typeof MARKER_FIELD, 0>>;

/** What a list leaves out of a board document that has no stored list item (before version 3), by the store: the tags (most of its bytes), the access keys and the bookkeeping. */
const NOT_LISTED = { listedUnder: 0, visibleTo: 0, holderKey: 0, offeredToKey: 0, [MARKER_FIELD]: 0 };

/** What reading one parcel leaves out, by the store: the tags and the stored list item, which neither access nor the answer reads. */
const NOT_READ = { listedUnder: 0, visibleTo: 0, [LIST_ITEM]: 0 };

export type RecipientView =
  | { subjectId: string; visibility: 'visible'; name: string; address: RecipientPersonalData['address']; phone: string }
  | { subjectId: string; visibility: 'withheld' }
  | { subjectId: string; visibility: 'erased'; erasedAt: string };

export interface ParcelListFilter {
  hubId?: string;
  /** `kind:id`, e.g. `courier:runner-ana`. */
  holder?: string;
  status?: BoardStatus;
  retailerId?: string;
  flag?: ParcelFlag;
}

export class InvalidPageCursorError extends Error {
  readonly code = 'QUERY.INVALID_CURSOR';

  constructor() {
    super('the page cursor is not one this API gave out');
    this.name = 'InvalidPageCursorError';
  }
}

export class CustodyQueries {
  constructor(
    private readonly readModels: ReadModels,
    private readonly vault: PersonalDataVault,
    private readonly clock: Clock,
  ) {}

  async parcel(viewer: Viewer, parcelId: string): Promise<Document> {
    const board = await this.visibleBoard(viewer, parcelId);
    return this.present(viewer, board);
  }

  async custodyChain(viewer: Viewer, parcelId: string, asOf?: string): Promise<CustodyChainView> {
    // The steps, and (for a viewer whose access depends on it) the board, read at once after one
    // registry lookup; nothing of the steps is used unless the viewer may see the parcel. Admins,
    // insurers and auditors see every parcel: the board is not read for them (a parcel without
    // steps does not exist). The bookkeeping fields are left out by the store: less to decode.
    const everyParcel = seesEveryParcel(viewer);
    const [stored, parcels] = await this.readModels.collections([[custodyChainProjection.name, CUSTODY_STEPS], ...(everyParcel ? [] : [[parcelBoardProjection.name, PARCELS] as const])]);
    const [documents] = await Promise.all([
      stored!.find({ parcelId }, { sort: { revision: 1 }, projection: STEP_ONLY }).toArray(),
      everyParcel ? undefined : this.visibleBoard(viewer, parcelId, parcels),
    ]);
    // The parcel's documents are its steps and, beside them, the cycles that counted it (ADR 0020).
    const intakes = documents.filter((document) => document.intake !== undefined).map((document) => document.intake as CycleIntake);
    const steps = documents.filter((document) => document.intake === undefined) as unknown as CustodyStep[];
    if (steps.length === 0) throw parcelErrors.notFound(parcelId);
    return custodyChainView({ _id: parcelId, steps, intakes }, { now: this.clock.nowIso(), asOf });
  }

  /**
   * A page ordered by registration time (then id), filtered, within the viewer's scope: one range of
   * the board's `listed` index (the tag of the viewer's scope and one filter), read from the cursor
   * on; other filters, when several are given, are checked on the documents of that range.
   */
  async parcels(viewer: Viewer, filter: ParcelListFilter, page: { limit?: number; after?: string }): Promise<JsonPage> {
    const scope = scopeOf(viewer);
    if (scope === undefined) return new JsonPage([]);
    const { collection, version } = await this.readModels.active(parcelBoardProjection.name, PARCELS);
    const { tag, rest } = listingQuery(scope, filter);
    const listed = version >= TAGGED_SINCE_VERSION ? [{ listedUnder: tag }, ...rest] : [untaggedListFilter(viewer, filter)];
    const query = allOf([...listed, afterCursor(page.after, 'registeredAt')]);
    return this.page(collection, version, query, 'registeredAt', page.limit);
  }

  /** Parcels someone has held for more than 24 hours right now, longest first: one range of the board's `held` index. */
  async longHolds(viewer: Viewer, page: { limit?: number; after?: string }): Promise<JsonPage> {
    const scope = scopeOf(viewer);
    if (scope === undefined) return new JsonPage([]);
    const { collection, version } = await this.readModels.active(parcelBoardProjection.name, PARCELS);
    const since = new Date(this.clock.now().getTime() - LONG_HOLD_MS).toISOString();
    const visible = version >= TAGGED_SINCE_VERSION ? { visibleTo: scope } : visibleParcelsFilter(viewer);
    const query = allOf([visible, { heldSince: { $lt: since } }, afterCursor(page.after, 'heldSince')]);
    return this.page(collection, version, query, 'heldSince', page.limit);
  }

  /** A hub's cycles, newest first, each with its intake against the cap. */
  async hubLoad(viewer: Viewer, hubId: string, limit = 20): Promise<Document[]> {
    if (viewer.role === 'coordinator' && viewer.hubId !== hubId) return [];
    if (viewer.role === 'courier' || viewer.role === 'retailer') return [];
    const cycles = await this.readModels.collection(hubLoadProjection.name, HUB_CYCLES);
    const documents = await cycles.find({ hubId }, { sort: { openedAt: -1 }, limit: clampLimit(limit) }).toArray();
    return documents.map(({ _id, _position: _marker, overCapParcelIds, ...cycle }) => ({
      cycleId: _id,
      ...cycle,
      overCap: (overCapParcelIds as string[] | undefined)?.length ?? 0,
      overCapParcelIds: overCapParcelIds ?? [],
      loadRatio: typeof cycle.cap === 'number' && cycle.cap > 0 ? Number(((cycle.received as number) / cycle.cap).toFixed(3)) : null,
    }));
  }

  private async visibleBoard(viewer: Viewer, parcelId: string, boards?: Collection<Document>): Promise<Document> {
    const parcels = boards ?? (await this.readModels.collection(parcelBoardProjection.name, PARCELS));
    const board = await parcels.findOne({ _id: parcelId as never }, { projection: NOT_READ });
    if (!board || !canSeeParcel(viewer, board as ParcelAccessFacts)) throw parcelErrors.notFound(parcelId);
    return board;
  }

  /**
   * One page in `sortField`, `_id` order. From version 3 the store hands out each document's stored
   * list item and its sort key alone, and the items stay JSON text up to the answer.
   */
  private async page(parcels: Collection<Document>, version: number, query: Filter<Document>, sortField: 'registeredAt' | 'heldSince', limit: number | undefined): Promise<JsonPage> {
    const size = clampLimit(limit ?? 50);
    const stored = version >= LIST_ITEM_STORED_SINCE_VERSION;
    const projection = stored ? { [sortField]: 1, [LIST_ITEM]: 1 } : NOT_LISTED;
    // No UTF-8 check of the stored items: JSON.stringify wrote them, and they go out as they came (it halved the driver's decoding of a page).
    const documents = await parcels.find(query, { sort: { [sortField]: 1, _id: 1 }, limit: size + 1, projection, enableUtf8Validation: !stored }).toArray();
    const count = Math.min(size, documents.length);
    const items = new Array<string>(count);
    for (let i = 0; i < count; i++) items[i] = stored ? (documents[i]![LIST_ITEM] as string) : JSON.stringify(listItemOf(documents[i]!));
    const last = documents[size - 1];
    return new JsonPage(items, documents.length > size && last ? encodeCursor([last[sortField], last._id]) : undefined);
  }

  /** The board document as the API shows it: internal fields dropped, the recipient per the rules. */
  private async present(viewer: Viewer, board: Document): Promise<Document> {
    const recipient = board.recipient as PersonalDataEnvelope | undefined | null;
    return { ...listItemOf(board), recipient: recipient ? await this.recipientFor(viewer, board, recipient) : null };
  }

  private async recipientFor(viewer: Viewer, board: Document, envelope: PersonalDataEnvelope): Promise<RecipientView> {
    const opened = await this.vault.open(envelope);
    if (opened.erased) return { subjectId: envelope.subjectId, visibility: 'erased', erasedAt: opened.shreddedAt };
    if (!canSeeRecipient(viewer, board as ParcelAccessFacts)) return { subjectId: envelope.subjectId, visibility: 'withheld' };
    return { subjectId: envelope.subjectId, visibility: 'visible', ...opened.data };
  }
}

/**
 * The conditions as one filter document while no two name the same field (then the store can tell a
 * first page's documents match from the index keys alone, without reading them), else `$and`.
 */
function allOf(conditions: Filter<Document>[]): Filter<Document> {
  const merged: Filter<Document> = {};
  for (const condition of conditions) {
    for (const field of Object.keys(condition)) {
      if (field in merged) return { $and: conditions };
      merged[field] = condition[field];
    }
  }
  return merged;
}

function clampLimit(limit: number): number {
  return Math.min(MAX_PAGE, Math.max(1, Math.floor(limit)));
}

/** Keyset paging: the cursor is the last item's sort key, so pages stay stable while parcels move (no skip). */
function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

function afterCursor(cursor: string | undefined, field: 'registeredAt' | 'heldSince'): Filter<Document> {
  if (!cursor) return {};
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidPageCursorError();
  }
  if (!Array.isArray(key) || key.length !== 2 || typeof key[0] !== 'string' || typeof key[1] !== 'string') throw new InvalidPageCursorError();
  const [value, id] = key as [string, string];
  // The `$gte` bound is what makes this a key range (neither store narrows an index by an `$or`);
  // the `$or` then drops the items of the last page that share its time.
  return { [field]: { $gte: value }, $or: [{ [field]: { $gt: value } }, { _id: { $gt: id as never } }] };
}
