import type { Decider } from '@handoff/kernel';
import type { ParcelPayCommandOf } from './parcel-pay.commands';
import { decide } from './parcel-pay.decide';
import type { ParcelPayEvent } from './parcel-pay.events';
import { evolve } from './parcel-pay.evolve';
import { initialState, type ParcelPay } from './parcel-pay.state';

export const parcelPayDecider: Decider<ParcelPayCommandOf, ParcelPay, ParcelPayEvent> = { decide, evolve, initialState };
