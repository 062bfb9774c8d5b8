import type { Decider } from '@handoff/kernel';
import type { ParcelCommand } from './parcel.commands';
import { decide } from './parcel.decide';
import type { ParcelEvent } from './parcel.events';
import { evolve } from './parcel.evolve';
import { initialState, type Parcel } from './parcel.state';

/** The parcel aggregate (stream `parcel-<parcelId>`) as the aggregate repository takes it. */
export const parcelDecider: Decider<ParcelCommand, Parcel, ParcelEvent> = { decide, evolve, initialState };
