import type { DomainEvent } from '@handoff/kernel';
import type { Instant } from '../shared/instant';
import type { Money, Sha256, WaiverActor } from '../shared/values';

/**
 * Stream `waiver-<participantId>`: every waiver one participant signed, superseded or revoked.
 * Participants appear by id only: no name, no signature image (its hash is the evidence).
 *
 * There is no `WaiverExpired` event, on purpose. The expiry is a fact known when the waiver is
 * signed (`expiresAt` below); coverage at T compares T with it, exactly, on the write side and in
 * any read model. An expiry event would be written by a timer, late by however long the timer
 * waited, and could only disagree with `expiresAt` or repeat it; replaying history would also
 * depend on when that timer ran. Reminders before expiry are a reaction's business, not a fact.
 */
export type WaiverSigned = DomainEvent<
  'WaiverSigned',
  {
    participantId: string;
    waiverId: string;
    templateId: string;
    version: number;
    /** The version's text hash and cap, copied from the immutable version: what the signer agreed to, readable here alone. */
    textHash: Sha256;
    liabilityCap: Money;
    /** SHA-256 of the signature evidence (the drawn signature, the signed PDF); never the evidence itself. */
    signatureEvidence: Sha256;
    /** The participant, or the admin who recorded a paper signature. */
    signedBy: WaiverActor;
    /** When it was signed, as stated (or the server's time when nothing was stated). */
    signedAt: Instant;
    /** The server's time when it was recorded. */
    recordedAt: Instant;
    /** Exclusive: the waiver covers nothing from this instant on. */
    expiresAt: Instant;
    /** Inclusive: the later of `signedAt` and the version's `effectiveFrom`. */
    coverageFrom: Instant;
    /** Stated more than the backfill window before it was recorded (an admin's paper waiver). */
    backdated?: true;
  }
>;

/**
 * Re-signing (a newer version, or the same one again to renew) replaces the signatures of the same
 * template that would still cover: each stops at `supersededFrom`, the instant the new one starts
 * covering, so re-signing before the old one expires never leaves a gap.
 */
export type WaiverSuperseded = DomainEvent<
  'WaiverSuperseded',
  {
    participantId: string;
    waiverId: string;
    supersededBy: string;
    /** Inclusive: the old waiver covers nothing from here on (the new one's `coverageFrom`). */
    supersededFrom: Instant;
    recordedAt: Instant;
  }
>;

export const WAIVER_REVOCATION_REASONS = ['withdrawn-by-participant', 'signed-in-error', 'evidence-disputed', 'left-network', 'other'] as const;

/** A code, not free text: a reason typed by a person could name a person, and events hold no personal data in clear. */
export type WaiverRevocationReason = (typeof WAIVER_REVOCATION_REASONS)[number];

export type WaiverRevoked = DomainEvent<
  'WaiverRevoked',
  {
    participantId: string;
    waiverId: string;
    revokedBy: WaiverActor;
    reason: WaiverRevocationReason;
    /** The server's time: a revocation takes effect when it is recorded, never earlier. */
    revokedAt: Instant;
    /**
     * Set when this waiver is revoked because the waiver that superseded it was, while that
     * supersession had not yet taken effect: revoking the new signature revokes the old terms too.
     */
    withSuccessor?: string;
  }
>;

export type WaiverSigningEvent = WaiverSigned | WaiverSuperseded | WaiverRevoked;

export const waiverSigningEventSchemaVersions = {
  WaiverSigned: 1,
  WaiverSuperseded: 1,
  WaiverRevoked: 1,
} as const satisfies Record<WaiverSigningEvent['type'], number>;
