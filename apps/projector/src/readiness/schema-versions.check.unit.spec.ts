import { UPCASTERS } from '@handoff/catalog';
import { UpcasterRegistry } from '@handoff/eventstore/upcasting/upcaster-registry';
import { SchemaVersionsCheck } from './schema-versions.check';

describe('the projector at start', () => {
  it("stops when a registered upcaster disagrees with any context's schema versions", () => {
    // The event store module registers the catalogue's upcasters when it makes the registry.
    expect(() => new SchemaVersionsCheck(new UpcasterRegistry()).onModuleInit()).toThrow('ParcelReceivedAtHub is v2 in the domain, v1 in the registry');
    const registry = new UpcasterRegistry().registerSteps(UPCASTERS);
    expect(() => new SchemaVersionsCheck(registry).onModuleInit()).not.toThrow();
    registry.register('CourierRegistered', 1, (data) => data);
    expect(() => new SchemaVersionsCheck(registry).onModuleInit()).toThrow('CourierRegistered is v1 in the domain, v2 in the registry');
  });
});
