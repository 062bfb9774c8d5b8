import fc from 'fast-check';
import { Query } from 'mingo';
import type { PartyRef } from '../../domain/shared/party';
import { canSeeParcel, Viewer } from '../parcel-access';
import { listingOf, listingQuery, ListedFacts, ListFilterValues, scopeOf } from './parcel-board.listing';

const ids = fc.constantFrom('a', 'b', 'c');
const party: fc.Arbitrary<PartyRef> = fc.record({ kind: fc.constantFrom('retailer', 'hub', 'courier', 'neighbour'), id: ids });
const key = party.map((p) => `${p.kind}:${p.id}`);

const board: fc.Arbitrary<ListedFacts> = fc.record(
  {
    retailerId: ids,
    destinationHubId: ids,
    currentHubId: fc.option(ids),
    holderKey: fc.option(key),
    offeredToKey: fc.option(key),
    lastHolder: fc.option(party),
    status: fc.constantFrom('registered', 'at-hub', 'with-courier', 'delivered'),
    flags: fc.uniqueArray(fc.constantFrom('damaged', 'over-cap', 'lost'), { maxLength: 2 }),
  },
  { requiredKeys: ['retailerId', 'destinationHubId', 'status'] },
);

const viewer: fc.Arbitrary<Viewer> = fc.oneof(
  fc.record({ role: fc.constantFrom('admin', 'insurer', 'auditor', 'retailer', 'courier'), participantId: ids }),
  fc.record({ role: fc.constant('coordinator'), participantId: fc.constant('coord'), hubId: fc.option(ids, { nil: undefined }) }),
) as fc.Arbitrary<Viewer>;

const filter: fc.Arbitrary<ListFilterValues> = fc.record(
  { hubId: ids, holder: key, status: fc.constantFrom('at-hub', 'delivered'), retailerId: ids, flag: fc.constantFrom('damaged', 'lost') },
  { requiredKeys: [] },
);

/** What a list means, said plainly: the parcels the viewer may open that match every filter given. */
function listed(viewer: Viewer, parcel: ListedFacts, f: ListFilterValues): boolean {
  return (
    canSeeParcel(viewer, parcel) &&
    (f.hubId === undefined || parcel.destinationHubId === f.hubId || parcel.currentHubId === f.hubId) &&
    (f.holder === undefined || parcel.holderKey === f.holder) &&
    (f.status === undefined || parcel.status === f.status) &&
    (f.retailerId === undefined || parcel.retailerId === f.retailerId) &&
    (f.flag === undefined || (parcel.flags ?? []).includes(f.flag))
  );
}

describe('parcel board listing tags', () => {
  it('a list (one tag and the filters left over) holds exactly the parcels the viewer may see that match', () => {
    fc.assert(
      fc.property(board, viewer, filter, (parcel, who, f) => {
        const scope = scopeOf(who);
        const document = { ...parcel, ...listingOf(parcel) };
        const found = scope !== undefined && new Query({ $and: [{ listedUnder: listingQuery(scope, f).tag }, ...listingQuery(scope, f).rest] }).test(document);
        expect(found).toBe(listed(who, parcel, f));
      }),
      { numRuns: 3_000 },
    );
  });

  it('visibleTo holds exactly the scopes that may see the parcel', () => {
    fc.assert(
      fc.property(board, viewer, (parcel, who) => {
        const scope = scopeOf(who);
        expect(scope !== undefined && listingOf(parcel).visibleTo.includes(scope)).toBe(canSeeParcel(who, parcel));
      }),
      { numRuns: 2_000 },
    );
  });
});
