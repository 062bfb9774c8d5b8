import type { UpcastStep } from '@handoff/kernel';
import { parcelUpcasters } from './domain/parcel/parcel.upcasters';

/** Every old event shape this context reads, one step at a time (domain/<aggregate>/*.upcasters.ts). */
export const custodyUpcasters: readonly UpcastStep[] = [...parcelUpcasters];
