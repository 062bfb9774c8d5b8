import { defineProjection, ProjectionDefinitionError, upsert } from './projection-definition';

describe('defineProjection', () => {
  const valid = { name: 'parcel-board', version: 1, collections: { parcels: {} }, handlers: { ParcelRegistered: () => [upsert('parcels', 'p', { $set: { a: 1 } })] } };

  it('accepts a well-formed definition', () => {
    expect(defineProjection(valid)).toBe(valid);
  });

  it.each([
    ['a bad name', { ...valid, name: 'Parcel Board' }],
    ['a bad version', { ...valid, version: 0 }],
    ['no collection', { ...valid, collections: {} }],
    ['a collection name with a double underscore', { ...valid, collections: { par__cels: {} } }],
    ['no handler', { ...valid, handlers: {} }],
    ['a system event type', { ...valid, handlers: { $metadata: () => [] } }],
  ])('refuses %s', (_, definition) => {
    expect(() => defineProjection(definition as never)).toThrow(ProjectionDefinitionError);
  });
});
