/**
 * How the parcel board answers a list in O(page): every question a list can ask, "parcels that
 * <viewer> may see [and that match <one filter>]", is one tag, and each board document carries
 * the tags of every question it answers (`listedUnder`, derived from the whole document by the
 * projection). A page is then one range of the `{ listedUnder, registeredAt, _id }` index, for
 * every role and filter, on the embedded store and on mongod alike. `visibleTo` (the scopes
 * alone) does the same for "held over 24 hours" through `{ visibleTo, heldSince, _id }`.
 *
 * Scopes are those of parcel-access.ts, spelt as tags: `*` (admins, insurers, auditors),
 * `retailer:<id>`, `hub:<id>` (destination or current hub, holding or offered it), `courier:<id>` (holding, offered, or
 * last holder of a closed parcel). A filter is `hub=`, `holder=`, `status=`, `retailer=` or
 * `flag=`; a tag is `<scope>` or `<scope>/<filter>`. A document has about 4 scopes and 5 filters,
 * so about 24 tags: the price of never scanning, paid once per write.
 */
import { ParcelAccessFacts, Viewer, visibleParcelsFilter } from '../parcel-access';

/** The board fields the tags are computed from: what access is decided by, and what lists filter by. */
export interface ListedFacts extends ParcelAccessFacts {
  status?: string;
  flags?: string[];
}

/** The filters a list takes (one of them is answered by the tag, the others checked on the page's documents). */
export interface ListFilterValues {
  hubId?: string;
  holder?: string;
  status?: string;
  retailerId?: string;
  flag?: string;
}

/** Everyone who sees every parcel shares one scope. */
export const EVERY_PARCEL = '*';

const COURIER = 'courier:';
const HUB = 'hub:';

/** The scopes a parcel is visible in: what `canSeeParcel` allows, as tags. */
export function scopesOf(parcel: ListedFacts): string[] {
  const scopes = [EVERY_PARCEL];
  if (parcel.retailerId) scopes.push(`retailer:${parcel.retailerId}`);
  if (parcel.destinationHubId) scopes.push(`hub:${parcel.destinationHubId}`);
  if (parcel.currentHubId) scopes.push(`hub:${parcel.currentHubId}`);
  // A hub also sees what it holds or is offered; a courier what they hold, are offered or held last.
  for (const key of [parcel.holderKey, parcel.offeredToKey]) if (key?.startsWith(COURIER) || key?.startsWith(HUB)) scopes.push(key);
  const last = parcel.lastHolder ? `${parcel.lastHolder.kind}:${parcel.lastHolder.id}` : null;
  if (last?.startsWith(COURIER)) scopes.push(last);
  return unique(scopes);
}

/** The filters a parcel matches, as tags. */
function filtersOf(parcel: ListedFacts): string[] {
  const filters: string[] = [];
  if (parcel.destinationHubId) filters.push(`hub=${parcel.destinationHubId}`);
  if (parcel.currentHubId) filters.push(`hub=${parcel.currentHubId}`);
  if (parcel.holderKey) filters.push(`holder=${parcel.holderKey}`);
  if (parcel.status) filters.push(`status=${parcel.status}`);
  if (parcel.retailerId) filters.push(`retailer=${parcel.retailerId}`);
  for (const flag of parcel.flags ?? []) filters.push(`flag=${flag}`);
  return unique(filters);
}

/** The derived fields of a board document (the projection's `derive`). */
export function listingOf(parcel: ListedFacts): { visibleTo: string[]; listedUnder: string[] } {
  const visibleTo = scopesOf(parcel);
  const filters = filtersOf(parcel);
  const listedUnder: string[] = [];
  for (const scope of visibleTo) {
    listedUnder.push(scope);
    for (const filter of filters) listedUnder.push(`${scope}/${filter}`);
  }
  return { visibleTo, listedUnder };
}

/** The viewer's scope tag; undefined when the viewer may see no parcel at all (a coordinator with no hub). */
export function scopeOf(viewer: Viewer): string | undefined {
  switch (viewer.role) {
    case 'admin':
    case 'insurer':
    case 'auditor':
      return EVERY_PARCEL;
    case 'retailer':
      return `retailer:${viewer.participantId}`;
    case 'coordinator':
      return viewer.hubId ? `hub:${viewer.hubId}` : undefined;
    case 'courier':
      return `${COURIER}${viewer.participantId}`;
    default: {
      const _never: never = viewer.role;
      return _never;
    }
  }
}

/**
 * The tag of a list within `scope`, and the filters left over (as board predicates) when more
 * than one is given: the one most likely to be selective is the tag.
 */
export function listingQuery(scope: string, filter: ListFilterValues): { tag: string; rest: Record<string, unknown>[] } {
  const given = FILTERS.filter(({ name }) => filter[name] !== undefined);
  const [tagged, ...others] = given;
  if (!tagged) return { tag: scope, rest: [] };
  return {
    tag: `${scope}/${tagged.tag}=${filter[tagged.name]}`,
    rest: others.map(({ name, predicate }) => predicate(filter[name]!)),
  };
}

/**
 * The same list as a plain filter over the board's fields, for a board built before the tags
 * (version 1) while version 2 is rebuilt from the log: correct, not O(page), for minutes.
 */
export function untaggedListFilter(viewer: Viewer, filter: ListFilterValues): Record<string, unknown> {
  return { $and: [visibleParcelsFilter(viewer), ...FILTERS.filter(({ name }) => filter[name] !== undefined).map(({ name, predicate }) => predicate(filter[name]!))] };
}

/** The board version whose documents carry the tags. */
export const TAGGED_SINCE_VERSION = 2;

/** Most selective first. */
const FILTERS: { name: keyof ListFilterValues; tag: string; predicate: (value: string) => Record<string, unknown> }[] = [
  { name: 'holder', tag: 'holder', predicate: (value) => ({ holderKey: value }) },
  { name: 'flag', tag: 'flag', predicate: (value) => ({ flags: value }) },
  { name: 'retailerId', tag: 'retailer', predicate: (value) => ({ retailerId: value }) },
  { name: 'hubId', tag: 'hub', predicate: (value) => ({ $or: [{ destinationHubId: value }, { currentHubId: value }] }) },
  { name: 'status', tag: 'status', predicate: (value) => ({ status: value }) },
];

const unique = (values: string[]): string[] => [...new Set(values)];
