import { assertSchemaVersions, DomainError, refusalsOf, SchemaVersionMismatchError } from '@handoff/kernel';

describe('kernel', () => {
  it('refusalsOf gives each code the kind written beside it in the catalogue', () => {
    const refuse = refusalsOf({ 'THING.MISSING': 'not-found', 'THING.BUSY': 'conflict' });
    const refusal = refuse('THING.BUSY', 'The thing is busy.', { thingId: 't-1' });
    expect(refusal).toBeInstanceOf(DomainError);
    expect({ code: refusal.code, kind: refusal.kind, message: refusal.message, details: refusal.details }).toEqual({
      code: 'THING.BUSY',
      kind: 'conflict',
      message: 'The thing is busy.',
      details: { thingId: 't-1' },
    });
    expect(refuse('THING.MISSING', 'No such thing.').kind).toBe('not-found');
  });

  it('assertSchemaVersions names every event type whose version the registry disagrees with', () => {
    const registry = { currentVersion: (type: string) => ({ A: 1, B: 2, C: 3 })[type] ?? 1 };
    expect(() => assertSchemaVersions(registry, { A: 1 }, { B: 2, C: 3 })).not.toThrow();
    let thrown: unknown;
    try {
      assertSchemaVersions(registry, { A: 2 }, { B: 2, C: 1 });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SchemaVersionMismatchError);
    expect((thrown as SchemaVersionMismatchError).mismatches).toEqual([
      { type: 'A', domain: 2, registry: 1 },
      { type: 'C', domain: 1, registry: 3 },
    ]);
  });
});
