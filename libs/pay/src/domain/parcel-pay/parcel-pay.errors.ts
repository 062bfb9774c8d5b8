import { refusalsOf } from '@handoff/kernel';

export const parcelPayErrorKinds = {
  'PAY.PARCEL_HOLD_NOT_FOUND': 'not-found',
  'PAY.PARCEL_HOLD_EXISTS': 'conflict',
  'PAY.INVALID_PARCEL_PAY': 'rule-broken',
} as const;

export type ParcelPayErrorCode = keyof typeof parcelPayErrorKinds;

const refuse = refusalsOf<ParcelPayErrorCode>(parcelPayErrorKinds);

export const parcelPayErrors = {
  holdNotFound: (parcelId: string, holdId: string) => refuse('PAY.PARCEL_HOLD_NOT_FOUND', `There is no pay hold ${holdId} on parcel ${parcelId}.`, { parcelId, holdId }),
  holdExists: (parcelId: string, holdId: string) => refuse('PAY.PARCEL_HOLD_EXISTS', `Pay hold ${holdId} is already on parcel ${parcelId} for another reason; place a new hold.`, { parcelId, holdId }),
  invalid: (parcelId: string, field: string, why: string) => refuse('PAY.INVALID_PARCEL_PAY', `Parcel ${parcelId}'s pay: ${field} ${why}.`, { parcelId, field }),
};
