import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { CommandRequestDto, IsId, IsUtcInstant, MoneyDto, Nested } from '@handoff/shared/http';
import { WAIVER_REVOCATION_REASONS, type WaiverRevocationReason } from '../domain/signing/waiver-signing.events';

const SHA256 = /^sha256:[0-9a-f]{64}$/;
const sha256 = (what: string) => Matches(SHA256, { message: `$property must be sha256:<64 lowercase hex digits>, the hash of ${what}, never the document itself` });
const VOCABULARY_WORD = /^[a-z][a-z0-9-]{0,39}$/;
const words = () => Matches(VOCABULARY_WORD, { each: true, message: '$property must hold lowercase words (volunteer, paid, gig; fragile, pharmaceutical, general)' });

export class GrossNegligenceClauseDto {
  @IsBoolean() included!: boolean;
  /** Required when included: the hash of the clause's wording. */
  @ValidateIf((clause: GrossNegligenceClauseDto) => clause.included) @sha256('the clause text') clauseTextHash?: string;
}

/** A version's terms: the text is kept as a document, and only its SHA-256 reaches the event. */
export class PublishWaiverTemplateVersionRequestDto {
  @IsInt() @Min(1) @Max(1_000_000) version!: number;
  @sha256('the waiver text') textHash!: string;
  @Nested(() => MoneyDto) liabilityCap!: MoneyDto;
  @Nested(() => GrossNegligenceClauseDto) grossNegligenceClause!: GrossNegligenceClauseDto;
  @Matches(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, { message: '$property must be ISO 3166-1 alpha-2, optionally with an ISO 3166-2 subdivision (US, US-CA)' }) jurisdiction!: string;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @words() participantKinds!: string[];
  /** `any`, or a list of custody's categories (`general` for a parcel with none). */
  @ValidateIf((body: PublishWaiverTemplateVersionRequestDto) => body.parcelCategories !== 'any') @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @words() parcelCategories!: 'any' | string[];
  @IsUtcInstant() effectiveFrom!: string;
  @IsOptional() @IsUtcInstant() effectiveUntil?: string;
}

export class RetireWaiverTemplateVersionRequestDto {
  /** Why, for the people who must re-sign: the template's own story, never a person's. */
  @IsString() @Length(1, 500) reason!: string;
}

export class SignWaiverRequestDto extends CommandRequestDto {
  /** Optional: the waiver id to use (a retry with it is recognised); generated when absent. */
  @IsOptional() @IsId() waiverId?: string;
  @IsId() templateId!: string;
  @IsInt() @Min(1) @Max(1_000_000) version!: number;
  @sha256('the signature evidence (the drawn signature, the signed PDF)') signatureEvidence!: string;
  /** Exclusive: the waiver covers nothing from this instant on. */
  @IsUtcInstant() expiresAt!: string;
}

export class RevokeWaiverRequestDto {
  @IsIn(WAIVER_REVOCATION_REASONS) reason!: WaiverRevocationReason;
}

/** DOMAIN.md's courier waiver: liability capped at $200 (20000 USD minor units), gross negligence excepted. */
export const PUBLISH_EXAMPLE: PublishWaiverTemplateVersionRequestDto = {
  version: 1,
  textHash: `sha256:${'3a'.repeat(32)}`,
  liabilityCap: { amountMinor: 20_000, currency: 'USD' },
  grossNegligenceClause: { included: true, clauseTextHash: `sha256:${'5c'.repeat(32)}` },
  jurisdiction: 'US-CA',
  participantKinds: ['volunteer', 'paid', 'gig'],
  parcelCategories: 'any',
  effectiveFrom: '2025-03-01T00:00:00Z',
};

export const SIGN_EXAMPLE: SignWaiverRequestDto = {
  templateId: 'courier-general',
  version: 1,
  signatureEvidence: `sha256:${'9e'.repeat(32)}`,
  expiresAt: '2026-03-01T00:00:00Z',
};
