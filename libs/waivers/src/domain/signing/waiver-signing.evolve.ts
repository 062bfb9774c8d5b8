import { laterOf } from '../shared/instant';
import type { WaiverSigningEvent } from './waiver-signing.events';
import type { Signature, WaiverSignatures } from './waiver-signing.state';

export const evolve = (state: WaiverSignatures, event: WaiverSigningEvent): WaiverSignatures => {
  switch (event.type) {
    case 'WaiverSigned': {
      const { participantId, backdated: _backdated, ...signature } = event.data;
      if (state.status === 'never-signed') return { status: 'signed', participantId, signatures: [signature], lastFactAt: signature.signedAt };
      return { ...state, signatures: [...state.signatures, signature], lastFactAt: laterOf(state.lastFactAt, signature.signedAt) };
    }
    case 'WaiverSuperseded': {
      const { waiverId, supersededBy, supersededFrom } = event.data;
      return updated(state, waiverId, (signature) => ({ ...signature, superseded: { by: supersededBy, from: supersededFrom } }));
    }
    case 'WaiverRevoked': {
      const { waiverId, revokedAt, revokedBy, reason } = event.data;
      const revoked = updated(state, waiverId, (signature) => ({ ...signature, revoked: { revokedAt, revokedBy, reason } }));
      return revoked.status === 'signed' ? { ...revoked, lastFactAt: laterOf(revoked.lastFactAt, revokedAt) } : revoked;
    }
    default: {
      const _never: never = event;
      return _never;
    }
  }
};

function updated(state: WaiverSignatures, waiverId: string, change: (signature: Signature) => Signature): WaiverSignatures {
  if (state.status !== 'signed') return state;
  return { ...state, signatures: state.signatures.map((signature) => (signature.waiverId === waiverId ? change(signature) : signature)) };
}
