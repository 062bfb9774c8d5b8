import { InvalidStreamNameError, categoryStreamName, parseStreamName, streamName, streams } from './stream-name';

describe('stream names', () => {
  it('joins category and id with a dash', () => {
    expect(streamName('parcel', '42')).toBe('parcel-42');
    expect(streams.waiver('w-1')).toBe('waiver-w-1');
  });

  it('parses at the first dash, so ids may contain dashes', () => {
    const id = '7f3c2a10-5d1e-4c8b-9f00-1a2b3c4d5e6f';
    expect(parseStreamName(streams.parcel(id))).toEqual({ category: 'parcel', id });
  });

  it('round-trips', () => {
    for (const [category, id] of [
      ['dispute', 'd1'],
      ['hub', 'north-7'],
      ['payout', '2025-05'],
    ] as const) {
      expect(parseStreamName(streamName(category, id))).toEqual({ category, id });
    }
  });

  it.each([
    ['Parcel', '1'],
    ['par-cel', '1'],
    ['$parcel', '1'],
    ['', '1'],
    ['1parcel', '1'],
    ['parcel', ''],
    ['parcel', 'a b'],
  ])('refuses category %j with id %j', (category, id) => {
    expect(() => streamName(category, id)).toThrow(InvalidStreamNameError);
  });

  it.each(['parcel', 'parcel-', '-42', '$all', '$ce-parcel', 'Parcel-1'])('refuses to parse %j', (name) => {
    expect(() => parseStreamName(name)).toThrow(InvalidStreamNameError);
  });

  it('names the category stream', () => {
    expect(categoryStreamName('parcel')).toBe('$ce-parcel');
  });
});
