import type { WaiverCoveragePort } from '../../domain/parcel/waiver-coverage.port';
import type { ConditionReport } from '../../domain/parcel/parcel.events';
import type { EvidenceHash, GeoPoint } from '../../domain/shared/values';
import type { CustodyEdge } from '../shared/custody-edge';
import { type OnParcel, parcelHandling } from './parcel-handling';

export type OfferHandoff = OnParcel<'OfferHandoff', { handoffId: string; to: { kind: 'courier' | 'hub'; id: string } }>;
export type AcceptHandoff = OnParcel<'AcceptHandoff', { handoffId: string; condition: ConditionReport; evidence: EvidenceHash[]; geo: GeoPoint; deviceTime: string }>;
export type DeclineHandoff = OnParcel<'DeclineHandoff', { handoffId: string; reason: string }>;
export type WithdrawHandoff = OnParcel<'WithdrawHandoff', { handoffId: string; reason: string }>;

/**
 * How a parcel changes hands (ADR 0016): the holder offers it to a named courier or hub, who accepts
 * or declines; the offerer may withdraw. The receiver's standing and the collective's policy are
 * read from their streams as they are now; the policy is found from the parcel state the command is
 * decided on, so the parcel is read once.
 */
export function handoffHandlings(edge: CustodyEdge, waivers: WaiverCoveragePort) {
  const on = parcelHandling(edge);
  return [
    on<OfferHandoff>({
      type: 'OfferHandoff',
      roles: ['retailer', 'coordinator', 'courier'],
      toDomain: async ({ data }, base, offeredAt, parcel) => {
        const receiver = await edge.receiverStanding(data.to);
        return { type: 'OfferParcelHandoff', ...base, handoffId: data.handoffId, receiver, policy: await edge.policyOf(data.parcelId, parcel), offeredAt };
      },
      created: ({ data }) => ({ handoffId: data.handoffId }),
    }),
    on<AcceptHandoff>({
      type: 'AcceptHandoff',
      roles: ['courier', 'coordinator'],
      // A courier's waiver is checked at the instant they take custody, for this parcel's categories.
      toDomain: async ({ data }, base, acceptedAt, parcel) => {
        const { actor } = base;
        const receiver = await edge.receiverStanding({ kind: actor.kind === 'hub' ? 'hub' : 'courier', id: actor.id });
        const categories = parcel.status === 'unregistered' ? undefined : parcel.categories;
        const waiver = receiver.kind === 'courier' ? await waivers.coverageAt(actor.id, acceptedAt, categories) : { covered: false as const, reason: 'none' as const };
        return { type: 'AcceptParcelHandoff', ...base, ...data, receiver, policy: await edge.policyOf(data.parcelId, parcel), waiver, acceptedAt };
      },
    }),
    on<DeclineHandoff>({ type: 'DeclineHandoff', roles: ['courier', 'coordinator'], toDomain: ({ data }, base, declinedAt) => ({ type: 'DeclineParcelHandoff', ...base, ...data, declinedAt }) }),
    on<WithdrawHandoff>({
      type: 'WithdrawHandoff',
      roles: ['retailer', 'coordinator', 'courier'],
      toDomain: ({ data }, base, withdrawnAt) => ({ type: 'WithdrawParcelHandoff', ...base, ...data, withdrawnAt }),
    }),
  ];
}
