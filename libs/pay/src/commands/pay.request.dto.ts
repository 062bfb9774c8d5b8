import { applyDecorators, Injectable, type PipeTransform } from '@nestjs/common';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { CommandRequestDto, IsId, IsUtcInstant, MoneyDto, Nested, RequestValidationError } from '@handoff/shared/http';
import type { RateCardRates } from '../domain/rate-card/rate-card.rates';

const CREDIT_UNIT = /^[a-z][a-z0-9-]{0,39}$/;
/** A bounded list of nested objects, each validated. */
const list = (type: () => new () => object, max: number) => applyDecorators(IsArray(), ArrayMaxSize(max), ValidateNested({ each: true }), Type(type));

export class CreditDto {
  @Matches(CREDIT_UNIT, { message: '$property must be a lowercase credit unit (gas-card-5-usd, priority-slot)' }) creditUnit!: string;
  @IsInt() @Min(1) @Max(1_000_000) quantity!: number;
}

export class PerDeliveryRatesDto {
  @IsOptional() @Nested(() => MoneyDto) 'paid-courier'?: MoneyDto;
  @IsOptional() @Nested(() => MoneyDto) 'gig-courier'?: MoneyDto;
  @IsOptional() @Nested(() => MoneyDto) hub?: MoneyDto;
}

export class CoordinatorRatesDto {
  @Nested(() => MoneyDto) monthlyRetainer!: MoneyDto;
  @Nested(() => MoneyDto) handlingFeePerParcel!: MoneyDto;
  @Nested(() => MoneyDto) beforeNoonBonusPerParcel!: MoneyDto;
}

export class DeadMileGuaranteeDto {
  @IsIn(['loop', 'shift']) per!: 'loop' | 'shift';
  @Nested(() => MoneyDto) minimum!: MoneyDto;
  @IsArray() @ArrayMaxSize(3) @IsIn(['paid-courier', 'gig-courier', 'hub'], { each: true }) payClasses!: ('paid-courier' | 'gig-courier' | 'hub')[];
}

export class SurgeWindowDto {
  @IsId() windowId!: string;
  @IsUtcInstant() from!: string;
  @IsUtcInstant() until!: string;
  /** Empty: every hub the card pays for. */
  @IsArray() @ArrayMaxSize(100) @IsId({ each: true }) hubIds!: string[];
  /** 15000 pays one and a half times the per-delivery rate. */
  @IsInt() @Min(10_000) @Max(100_000) multiplierBasisPoints!: number;
}

export class HourlyRoleDto {
  @IsId() role!: string;
  @Nested(() => MoneyDto) perHour!: MoneyDto;
}

export class VolunteerCreditsDto {
  @list(() => CreditDto, 10) perShift!: CreditDto[];
  @list(() => CreditDto, 10) perDelivery!: CreditDto[];
}

export class RatesDto {
  @Matches(/^[A-Z]{3}$/, { message: '$property must be an ISO 4217 code (USD)' }) currency!: string;
  @Nested(() => PerDeliveryRatesDto) perDelivery!: PerDeliveryRatesDto;
  @IsOptional() @Nested(() => CoordinatorRatesDto) coordinator?: CoordinatorRatesDto;
  @IsOptional() @Nested(() => DeadMileGuaranteeDto) deadMileGuarantee?: DeadMileGuaranteeDto;
  @list(() => SurgeWindowDto, 50) surgeWindows!: SurgeWindowDto[];
  @list(() => HourlyRoleDto, 20) hourlyRoles!: HourlyRoleDto[];
  @Nested(() => VolunteerCreditsDto) volunteerCredits!: VolunteerCreditsDto;
}

/** The next version of a rate card: never an edit; effective no earlier than now. */
export class PublishRateCardVersionRequestDto {
  @IsInt() @Min(1) @Max(1_000_000) version!: number;
  @IsUtcInstant() effectiveFrom!: string;
  @Nested(() => RatesDto) rates!: RatesDto;
}

const money = ({ amountMinor, currency }: MoneyDto) => ({ amountMinor, currency });
const credit = ({ creditUnit, quantity }: CreditDto) => ({ creditUnit, quantity });

/** The domain's rates from a validated request (plain objects only: nothing of the DTO classes reaches an event). */
export function ratesOf(dto: RatesDto): RateCardRates {
  const perDelivery: RateCardRates['perDelivery'] = {};
  for (const payClass of ['paid-courier', 'gig-courier', 'hub'] as const) {
    const amount = dto.perDelivery[payClass];
    if (amount) perDelivery[payClass] = money(amount);
  }
  const { coordinator, deadMileGuarantee: guarantee } = dto;
  return {
    currency: dto.currency,
    perDelivery,
    coordinator: coordinator
      ? { monthlyRetainer: money(coordinator.monthlyRetainer), handlingFeePerParcel: money(coordinator.handlingFeePerParcel), beforeNoonBonusPerParcel: money(coordinator.beforeNoonBonusPerParcel) }
      : null,
    deadMileGuarantee: guarantee ? { per: guarantee.per, minimum: money(guarantee.minimum), payClasses: [...guarantee.payClasses] } : null,
    surgeWindows: dto.surgeWindows.map(({ windowId, from, until, hubIds, multiplierBasisPoints }) => ({ windowId, from, until, hubIds: [...hubIds], multiplierBasisPoints })),
    hourlyRoles: Object.fromEntries(dto.hourlyRoles.map(({ role, perHour }) => [role, money(perHour)])),
    volunteerCredits: { perShift: dto.volunteerCredits.perShift.map(credit), perDelivery: dto.volunteerCredits.perDelivery.map(credit) },
  };
}

/** Cash (signed minor units and a currency) or credits (a unit and a signed quantity): exactly one of the two. */
export class PayAmountDto {
  @ValidateIf((amount: PayAmountDto) => amount.creditUnit === undefined) @IsInt() @Min(-Number.MAX_SAFE_INTEGER) @Max(Number.MAX_SAFE_INTEGER) amountMinor?: number;
  @ValidateIf((amount: PayAmountDto) => amount.creditUnit === undefined) @Matches(/^[A-Z]{3}$/, { message: '$property must be an ISO 4217 code (USD)' }) currency?: string;
  @ValidateIf((amount: PayAmountDto) => amount.amountMinor === undefined) @Matches(CREDIT_UNIT, { message: '$property must be a lowercase credit unit' }) creditUnit?: string;
  @ValidateIf((amount: PayAmountDto) => amount.amountMinor === undefined) @IsInt() @Min(-1_000_000) @Max(1_000_000) quantity?: number;
}

export const payAmountOf = (dto: PayAmountDto) => (dto.creditUnit !== undefined ? { creditUnit: dto.creditUnit, quantity: dto.quantity! } : { amountMinor: dto.amountMinor!, currency: dto.currency! });

export class PlaceParcelPayHoldRequestDto {
  /** Optional: the hold's id (a retry with it is recognised); generated when absent. */
  @IsOptional() @IsId() holdId?: string;
  @IsString() @Length(1, 500) reason!: string;
}

export class AdjustPayRequestDto {
  @IsOptional() @IsId() adjustmentId?: string;
  /** Signed: negative takes pay away. */
  @Nested(() => PayAmountDto) amount!: PayAmountDto;
  @IsString() @Length(1, 500) reason!: string;
  @IsOptional() @IsString() @Length(1, 200) accrualId?: string;
  @IsOptional() @IsId() parcelId?: string;
}

export class ClawBackPayRequestDto {
  @IsOptional() @IsId() clawbackId?: string;
  @IsString() @Length(1, 200) accrualId!: string;
  /** What is taken back, positive, of the accrual's kind. */
  @Nested(() => PayAmountDto) amount!: PayAmountDto;
  @IsString() @Length(1, 500) reason!: string;
}

export class IssueStatementRequestDto extends CommandRequestDto {
  @IsOptional() @IsId() statementId?: string;
}

export class SettleStatementRequestDto {
  @IsString() @Length(1, 100) paymentReference!: string;
}

/** `@Param('period', PeriodParam)`: a month, `2027-01`; anything else is a 400 naming the parameter. */
@Injectable()
export class PeriodParam implements PipeTransform<unknown, string> {
  transform(value: unknown, metadata: { data?: string }): string {
    if (typeof value !== 'string' || !/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) throw new RequestValidationError([{ field: metadata.data ?? 'period', message: 'must be a month, yyyy-mm' }]);
    return value;
  }
}

/** DOMAIN.md's city collective: walkers $1.20, gig drivers $6, a coordinator on $320 a month with a handling fee and a before-noon bonus, a dispatcher at $18/h, a $5 gas card per volunteer shift. */
export const PUBLISH_RATE_CARD_EXAMPLE: PublishRateCardVersionRequestDto = {
  version: 1,
  effectiveFrom: '2027-01-01T00:00:00Z',
  rates: {
    currency: 'USD',
    perDelivery: { 'paid-courier': { amountMinor: 120, currency: 'USD' }, 'gig-courier': { amountMinor: 600, currency: 'USD' } },
    coordinator: {
      monthlyRetainer: { amountMinor: 32_000, currency: 'USD' },
      handlingFeePerParcel: { amountMinor: 25, currency: 'USD' },
      beforeNoonBonusPerParcel: { amountMinor: 10, currency: 'USD' },
    },
    surgeWindows: [{ windowId: 'holiday-rush', from: '2027-12-20T14:00:00Z', until: '2027-12-20T20:00:00Z', hubIds: [], multiplierBasisPoints: 12_500 }],
    hourlyRoles: [{ role: 'dispatcher', perHour: { amountMinor: 1_800, currency: 'USD' } }],
    volunteerCredits: { perShift: [{ creditUnit: 'gas-card-5-usd', quantity: 1 }], perDelivery: [] },
  },
};

export const ADJUST_EXAMPLE: AdjustPayRequestDto = { amount: { amountMinor: 180, currency: 'USD' }, reason: 'Delivery of parcel p-17 recorded late by the hub' };
export const HOLD_EXAMPLE: PlaceParcelPayHoldRequestDto = { reason: 'Recipient reports the parcel dented; pay waits for the dispute' };
export const CLAWBACK_EXAMPLE: ClawBackPayRequestDto = { accrualId: 'evt-7f3a/delivery', amount: { amountMinor: 120, currency: 'USD' }, reason: 'Dispute d-12 found the parcel never left the hub' };
export const SETTLE_EXAMPLE: SettleStatementRequestDto = { paymentReference: 'ACH-2027-0001' };
