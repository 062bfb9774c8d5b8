import { JsonPage, listItemOf, storedListItem } from './parcel-board.list-item';

const board = {
  _id: 'p-1',
  status: 'at-hub',
  holder: { kind: 'hub', id: 'hub-1' },
  holderKey: 'hub:hub-1',
  offeredToKey: null,
  recipient: { version: 1, algorithm: 'AES-256-GCM', subjectId: 'recipient-1', keyId: 'k1', iv: 'AA', ciphertext: 'secret', authTag: 'AA' },
  declinedHandoffIds: ['h-1', 'h-2'],
  visibleTo: ['*'],
  listedUnder: ['*', '*/status=at-hub'],
  _position: '00000000000000000001/00000000000000000001/0000',
};

describe('a parcel as lists show it', () => {
  it('is stored as the JSON of the item the API showed, built once when the board changes', () => {
    const stored = storedListItem(board);
    expect(JSON.parse(stored.listItem)).toEqual(listItemOf(board));
    expect(JSON.parse(stored.listItem)).toEqual({
      parcelId: 'p-1',
      status: 'at-hub',
      holder: { kind: 'hub', id: 'hub-1' },
      flags: [],
      declinedOffers: 2,
      failedAttempts: 0,
      recipient: { subjectId: 'recipient-1' },
    });
  });

  it('does not nest the previous stored item in the next one', () => {
    const again = { ...board, ...storedListItem(board) };
    expect(storedListItem(again)).toEqual(storedListItem(board));
  });
});

describe('a page of stored list items', () => {
  it('answers the items as they are stored, and the cursor when there is a next page', () => {
    const page = new JsonPage(['{"parcelId":"p-1"}', '{"parcelId":"p-2","note":"a \\"quoted\\" é"}'], 'eyJhIjoiYiJ9');
    expect(JSON.parse(page.toJson())).toEqual({ items: [{ parcelId: 'p-1' }, { parcelId: 'p-2', note: 'a "quoted" é' }], next: 'eyJhIjoiYiJ9' });
    expect(page.items).toEqual([{ parcelId: 'p-1' }, { parcelId: 'p-2', note: 'a "quoted" é' }]);
  });

  it('has no `next` on the last page, and an empty page is still a page', () => {
    expect(JSON.parse(new JsonPage(['{"parcelId":"p-1"}']).toJson())).toEqual({ items: [{ parcelId: 'p-1' }] });
    expect(new JsonPage([]).toJson()).toBe('{"items":[]}');
  });
});
