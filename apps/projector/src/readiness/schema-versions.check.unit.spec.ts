import { UpcasterRegistry } from '@handoff/eventstore/upcasting/upcaster-registry';
import { SchemaVersionsCheck } from './schema-versions.check';

describe('the projector at start', () => {
  it("stops when a registered upcaster disagrees with any context's schema versions", () => {
    const registry = new UpcasterRegistry();
    expect(() => new SchemaVersionsCheck(registry).onModuleInit()).not.toThrow();
    registry.register('CourierRegistered', 1, (data) => data);
    expect(() => new SchemaVersionsCheck(registry).onModuleInit()).toThrow('CourierRegistered is v1 in the domain, v2 in the registry');
  });
});
