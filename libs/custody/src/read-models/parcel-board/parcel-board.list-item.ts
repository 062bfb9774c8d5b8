/**
 * A parcel as lists show it, and the same item stored on its board document as JSON text
 * (`listItem`, derived by the projection like the tags), so a page of 50 is 50 strings the API
 * joins into its answer: no item decoded into an object, built, or serialised per request.
 * Lists show every viewer the same item (the recipient by subject id only), so one stored form
 * serves every role; nothing in it is personal data in clear (the recipient stays sealed, and a
 * list names only its subject id).
 */
import type { Document } from 'mongodb';
import { MARKER_FIELD } from '@handoff/projections';
import type { PersonalDataEnvelope } from '@handoff/kernel';

/** The board field holding the list item as JSON text. */
export const LIST_ITEM = 'listItem';

/** The board version whose documents carry `listItem`; older ones are listed by building each item. */
export const LIST_ITEM_STORED_SINCE_VERSION = 3;

/**
 * A board document as a list shows it: internal fields dropped, the recipient named by subject
 * only. Opening recipients is `GET /parcels/{id}`'s: a list would cost a key-store read per item,
 * and would hand out up to a hundred names, addresses and phones per call.
 */
export function listItemOf(board: Document): Document {
  // Copied name by name: an object rest leaving nine names out took V8's generic runtime path, 7% of the API's CPU on pages of 50.
  const item: Document = { parcelId: board._id };
  for (const name of Object.keys(board)) if (!NOT_SHOWN.has(name)) item[name] = board[name];
  item.flags = board.flags ?? [];
  item.declinedOffers = (board.declinedHandoffIds as string[] | undefined)?.length ?? 0;
  item.failedAttempts = (board.failedAttemptIds as string[] | undefined)?.length ?? 0;
  const recipient = board.recipient as PersonalDataEnvelope | undefined | null;
  item.recipient = recipient ? { subjectId: recipient.subjectId } : null;
  return item;
}

/** The derived `listItem` field of a board document (the projection's `derive`). */
export function storedListItem(board: Document): { [LIST_ITEM]: string } {
  return { [LIST_ITEM]: JSON.stringify(listItemOf(board)) };
}

/** What no answer shows as stored: the bookkeeping, the access keys and tags, the stored item, and what listItemOf shows in another form. */
const NOT_SHOWN = new Set(['_id', MARKER_FIELD, 'recipient', 'holderKey', 'offeredToKey', 'visibleTo', 'listedUnder', LIST_ITEM, 'declinedHandoffIds', 'failedAttemptIds']);

/**
 * A page of list items as JSON text, answered as it is: `{"items":[...],"next":"..."}`.
 * `items` parses them, for callers other than the HTTP answer (tests, the CLI).
 */
export class JsonPage {
  constructor(
    readonly itemsJson: string[],
    /** Pass as `after` for the next page; absent on the last one. */
    readonly next?: string,
  ) {}

  get items(): Document[] {
    return this.itemsJson.map((json) => JSON.parse(json) as Document);
  }

  toJson(): string {
    const items = `{"items":[${this.itemsJson.join(',')}]`;
    return this.next === undefined ? `${items}}` : `${items},"next":${JSON.stringify(this.next)}}`;
  }
}
