import type { CustodyChainView } from './custody-chain.view';

const sha = (digit: string) => `sha256:${digit.repeat(64)}`;

/**
 * The OpenAPI example of a custody chain: retailer, hub, then a volunteer courier covered by
 * DOMAIN's waiver ($200 cap, liability limited to gross negligence), with an incident reported in
 * the courier's segment: the insurer reads the cap there. Typed as the view, so it cannot drift.
 */
export const CUSTODY_CHAIN_EXAMPLE: CustodyChainView = {
  parcelId: 'p-1042',
  asOf: '2025-03-04T12:00:00.000Z',
  currentHolder: { kind: 'courier', id: 'walker-ana' },
  segments: [
    {
      holder: { kind: 'retailer', id: 'calder-hardware' },
      from: '2025-03-04T07:00:00.000Z',
      to: '2025-03-04T08:10:00.000Z',
      started: { how: 'ParcelRegistered', at: '2025-03-04T07:00:00.000Z', recordedAt: '2025-03-04T07:00:00.120Z', eventId: 'e-1', condition: 'intact' },
      ended: { how: 'ParcelReceivedAtHub', at: '2025-03-04T08:10:00.000Z', recordedAt: '2025-03-04T08:10:00.200Z', eventId: 'e-2', condition: 'intact' },
      heldMs: 4_200_000,
      flags: [],
      waiver: null,
    },
    {
      holder: { kind: 'hub', id: 'mill-hub' },
      from: '2025-03-04T08:10:00.000Z',
      to: '2025-03-04T09:30:00.000Z',
      started: { how: 'ParcelReceivedAtHub', at: '2025-03-04T08:10:00.000Z', recordedAt: '2025-03-04T08:10:00.200Z', eventId: 'e-2', condition: 'intact' },
      ended: { how: 'ParcelHandoffAccepted', at: '2025-03-04T09:30:00.000Z', recordedAt: '2025-03-04T09:30:01.000Z', eventId: 'e-4', handoffId: 'h-7', condition: 'intact', evidence: [sha('a')] },
      heldMs: 4_800_000,
      flags: [],
      waiver: null,
    },
    {
      holder: { kind: 'courier', id: 'walker-ana' },
      from: '2025-03-04T09:30:00.000Z',
      to: null,
      started: { how: 'ParcelHandoffAccepted', at: '2025-03-04T09:30:00.000Z', recordedAt: '2025-03-04T09:30:01.000Z', eventId: 'e-4', handoffId: 'h-7', condition: 'intact', evidence: [sha('a')] },
      ended: null,
      heldMs: 9_000_000,
      flags: ['incident-reported'],
      waiver: {
        waiverId: 'w-ana-3',
        templateId: 'volunteer-courier',
        templateVersion: 2,
        textHash: sha('3'),
        liabilityCap: { amountMinor: 20_000, currency: 'USD' },
        grossNegligenceClause: { included: true, clauseTextHash: sha('5') },
      },
    },
  ],
  gaps: [],
  declinedOffers: [],
  incidents: [{ kind: 'damaged', reportedBy: { kind: 'courier', id: 'walker-ana' }, at: '2025-03-04T11:05:00.000Z', recordedAt: '2025-03-04T11:05:02.000Z', description: 'corner of the box dented' }],
  flags: ['incident-reported'],
  steps: 5,
};
