import type { UpcasterRegistry } from '@handoff/eventstore';
import { parcelUpcasters } from './domain/parcel/parcel.upcasters';

/** Every old event shape this context reads, one step at a time (domain/<aggregate>/*.upcasters.ts). */
export const custodyUpcasters = [...parcelUpcasters];

/**
 * Puts custody's upcasters on the process's registry; a step already there is left alone (the
 * api and the projector share one registry in the all-in-one's inline mode).
 */
export function registerCustodyUpcasters(registry: UpcasterRegistry): UpcasterRegistry {
  for (const { type, fromVersion, upcast } of custodyUpcasters) {
    if (registry.currentVersion(type) <= fromVersion) registry.register(type, fromVersion, upcast);
  }
  return registry;
}
