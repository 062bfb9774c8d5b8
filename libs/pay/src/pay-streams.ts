import { streamName } from '@handoff/eventstore';

/** Where each pay aggregate lives (STYLE.md: `<category>-<id>`). */
export const payStreams = {
  rateCard: (rateCardId: string) => streamName('ratecard', rateCardId),
  ledger: (participantId: string, period: string) => streamName('payledger', `${participantId}-${period}`),
  parcel: (parcelId: string) => streamName('payparcel', parcelId),
  retainer: (hubId: string, period: string) => streamName('payretainer', `${hubId}-${period}`),
  /** Per hub and shift: rosters keep shift ids unique within a hub only, so two hubs' shift 7 are two runs. */
  courierRun: (hubId: string, shiftId: string) => streamName('payrun', `${hubId}:${shiftId}`),
};

/**
 * One rate card per owner, named by it (ADR 0026): a hub's is `hub:<hubId>`, a collective's
 * `collective:<collectiveId>`, so pricing finds the card in effect without an index.
 */
export const rateCardIdOf = (owner: { kind: 'hub' | 'collective'; id: string }): string => `${owner.kind}:${owner.id}`;
