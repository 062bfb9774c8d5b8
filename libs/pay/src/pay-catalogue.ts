import type { DomainErrorKind } from '@handoff/kernel';
import { accrualErrorKinds } from './domain/accrual/accrual.errors';
import { ledgerErrorKinds } from './domain/ledger/ledger.errors';
import { ledgerEventSchemaVersions } from './domain/ledger/ledger.events';
import { rateCardErrorKinds } from './domain/rate-card/rate-card.errors';
import { rateCardEventSchemaVersions } from './domain/rate-card/rate-card.events';

/** Every event type the pay context writes, with its schema version: checked against the upcaster registry when the module starts. */
export const payEventSchemaVersions = {
  ...rateCardEventSchemaVersions,
  ...ledgerEventSchemaVersions,
} as const;

/** Every refusal code of this context (all `PAY.*`) and how to answer it. */
export const payErrorKinds: Readonly<Record<string, DomainErrorKind>> = {
  ...rateCardErrorKinds,
  ...accrualErrorKinds,
  ...ledgerErrorKinds,
};
