/**
 * The pay context's only door: the pure domain (money and credits, rate cards, the accrual
 * calculator, the participant ledger), its modules, and the context's definition for the
 * composition (libs/catalog).
 */
import type { Type } from '@nestjs/common';
import type { ContextDefinition } from '@handoff/kernel';
import type { ProjectionDefinition } from '@handoff/projections';
import type { ReactionDefinition } from '@handoff/reactions';
import { PAY_CONSULTED_CATEGORIES, payErrorKinds, payEventSchemaVersions } from './pay-catalogue';
import { PayCommandsModule } from './pay-commands.module';
import { PayModule } from './pay.module';
import { payProjections } from './read-models/pay-projections';
import { payReactions } from './reactions/pay-reactions';

// Money and credits: integer minor units, explicit rounding, splits that never lose a cent
export {
  BASIS_POINTS_PER_UNIT,
  PAY_ROUNDING,
  PayAmountMismatch,
  addMoney,
  allocateByWeights,
  compareMoney,
  divideRounded,
  isCurrencyCode,
  isMoney,
  money,
  multiplyByBasisPoints,
  multiplyByRatio,
  negateMoney,
  splitEvenly,
  subtractMoney,
  sumMoney,
  zeroMoney,
} from './domain/money/money';
export type { Money, RoundingRule } from './domain/money/money';
export { addCredits, credit, isCredit, isCreditUnit, totalsOf } from './domain/money/credit';
export type { Credit, PayAmount, PayTotals } from './domain/money/credit';
export { isPayPeriod, isUtcInstant, payPeriodOf } from './domain/shared/time';
export type { PayPeriod } from './domain/shared/time';

// Rate cards: versioned, effective-dated, never edited
export { rateCardDecider } from './domain/rate-card/rate-card.decider';
export type * from './domain/rate-card/rate-card.commands';
export type * from './domain/rate-card/rate-card.events';
export { rateCardEventSchemaVersions } from './domain/rate-card/rate-card.events';
export { CASH_PAY_CLASSES } from './domain/rate-card/rate-card.rates';
export type * from './domain/rate-card/rate-card.rates';
export { rateCardErrorKinds, rateCardErrors } from './domain/rate-card/rate-card.errors';
export type { RateCardErrorCode } from './domain/rate-card/rate-card.errors';
export { initialState as initialRateCardState, rateCardVersionAt } from './domain/rate-card/rate-card.state';
export type { RateCard, RateCardVersion } from './domain/rate-card/rate-card.state';

// Accruals: what a fact earns under the version in effect
export { deadMileTopUp, deliveryAccruals, minutesWorked, monthlyRetainer, shiftAccruals, surgeAt } from './domain/accrual/accrual.calculator';
export type * from './domain/accrual/accrual.facts';
export { PAY_CAPACITIES, PAY_RULES, accrualIdOf } from './domain/accrual/accrual.lines';
export type { AccrualBasis, AccrualLine, AccrualWork, PayCapacity, PayRule } from './domain/accrual/accrual.lines';
export { accrualErrorKinds, accrualErrors } from './domain/accrual/accrual.errors';
export type { AccrualErrorCode } from './domain/accrual/accrual.errors';

// The participant's ledger: one stream per participant and month
export { payLedgerDecider } from './domain/ledger/ledger.decider';
export type * from './domain/ledger/ledger.commands';
export type * from './domain/ledger/ledger.events';
export { ledgerEventSchemaVersions } from './domain/ledger/ledger.events';
export { ledgerErrorKinds, ledgerErrors } from './domain/ledger/ledger.errors';
export type { LedgerErrorCode } from './domain/ledger/ledger.errors';
export { payableOf } from './domain/ledger/ledger-statement.decide';
export { activeHoldsOn, initialState as initialPayLedgerState, isHeld, openStatement } from './domain/ledger/ledger.state';
export type * from './domain/ledger/ledger.state';

// A parcel's pay: priced once per source event, held and released wherever it went (ADR 0026)
export { parcelPayDecider } from './domain/parcel-pay/parcel-pay.decider';
export type * from './domain/parcel-pay/parcel-pay.commands';
export type * from './domain/parcel-pay/parcel-pay.events';
export { parcelPayEventSchemaVersions } from './domain/parcel-pay/parcel-pay.events';
export { parcelPayErrorKinds, parcelPayErrors } from './domain/parcel-pay/parcel-pay.errors';
export { initialState as initialParcelPayState } from './domain/parcel-pay/parcel-pay.state';
export type { ParcelPay } from './domain/parcel-pay/parcel-pay.state';

// The port pay asks the participants context (bound in libs/catalog), and where its streams live
export { PAY_PARTIES } from './domain/shared/pay-parties.port';
export type { PayPartyDirectory, PayPartyFacts } from './domain/shared/pay-parties.port';
export { payStreams, rateCardIdOf } from './pay-streams';
export { payAccrualsReaction } from './reactions/pay-accruals.reaction';
export { payReactions };
export { payHandlings } from './pay-commands.module';
export { PayRecords } from './commands/pay-records';
export type { StatementPolicy } from './commands/ledger.handlings';
export { payLedgerPostingsReaction } from './reactions/pay-ledger-postings.reaction';

export { payErrorKinds, payEventSchemaVersions };

// Modules (Nest)
export { PayModule, PayCommandsModule };

/** What the composition (libs/catalog) runs of this context. */
export const payContext: ContextDefinition<Type, ProjectionDefinition<any>, ReactionDefinition<any>> = {
  name: 'pay',
  module: PayModule,
  commandsModule: PayCommandsModule,
  projections: payProjections,
  reactions: payReactions,
  upcasters: [],
  schemaVersions: payEventSchemaVersions,
  errorKinds: payErrorKinds,
  consultedCategories: PAY_CONSULTED_CATEGORIES,
};
