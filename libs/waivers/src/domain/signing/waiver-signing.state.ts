import type { Instant } from '../shared/instant';
import type { WaiverActor } from '../shared/values';
import type { WaiverRevocationReason, WaiverSigned } from './waiver-signing.events';

/** A signature as signed (the event's facts), and what happened to it since. */
export type Signature = Omit<WaiverSigned['data'], 'participantId' | 'backdated'> & {
  superseded?: { by: string; from: Instant };
  revoked?: { revokedAt: Instant; revokedBy: WaiverActor; reason: WaiverRevocationReason };
};

export type WaiverSignatures =
  | { status: 'never-signed' }
  | {
      status: 'signed';
      participantId: string;
      /** In signing order. */
      signatures: Signature[];
      /** The latest stated or recorded time of a signature or revocation: later facts may not be dated before it. */
      lastFactAt: Instant;
    };

export const initialState = (): WaiverSignatures => ({ status: 'never-signed' });

export const signatureOf = (state: WaiverSignatures, waiverId: string): Signature | undefined =>
  state.status === 'signed' ? state.signatures.find((signature) => signature.waiverId === waiverId) : undefined;

/** Neither revoked nor superseded: the signatures a new one of the same template is measured against. */
export const isLive = (signature: Signature): boolean => !signature.revoked && !signature.superseded;
