import type { DomainErrorKind } from '@handoff/kernel';
import { accrualErrorKinds } from './domain/accrual/accrual.errors';
import { ledgerErrorKinds } from './domain/ledger/ledger.errors';
import { ledgerEventSchemaVersions } from './domain/ledger/ledger.events';
import { parcelPayErrorKinds } from './domain/parcel-pay/parcel-pay.errors';
import { parcelPayEventSchemaVersions } from './domain/parcel-pay/parcel-pay.events';
import { hubRetainerEventSchemaVersions } from './domain/hub-retainer/hub-retainer';
import { courierRunEventSchemaVersions } from './domain/courier-run/courier-run';
import { payAccessErrorKinds } from './domain/shared/pay-access.errors';
import { rateCardErrorKinds } from './domain/rate-card/rate-card.errors';
import { rateCardEventSchemaVersions } from './domain/rate-card/rate-card.events';

/** Every event type the pay context writes, with its schema version: checked against the upcaster registry when the module starts. */
export const payEventSchemaVersions = {
  ...rateCardEventSchemaVersions,
  ...ledgerEventSchemaVersions,
  ...parcelPayEventSchemaVersions,
  ...hubRetainerEventSchemaVersions,
  ...courierRunEventSchemaVersions,
} as const;

/** Every refusal code of this context (all `PAY.*`) and how to answer it. */
export const payErrorKinds: Readonly<Record<string, DomainErrorKind>> = {
  ...rateCardErrorKinds,
  ...accrualErrorKinds,
  ...ledgerErrorKinds,
  ...parcelPayErrorKinds,
  ...payAccessErrorKinds,
};

/**
 * Categories pay commands read without appending to them: rate cards (priced against) and
 * participants (payees, hubs' coordinators and time zones). The aggregate cache follows these.
 * Custody's parcel streams are read fresh, up to the priced event (PayRecords.parcelWork).
 */
export const PAY_CONSULTED_CATEGORIES: readonly string[] = ['ratecard', 'participant'];
