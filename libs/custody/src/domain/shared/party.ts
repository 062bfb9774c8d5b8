/**
 * Who can hold a parcel. Coordinators act for their hub (the hub is the holder); a neighbour
 * holds only after a courier leaves a parcel with them, and is identified by a personal-data
 * subject id, never by name.
 */
export type HolderKind = 'retailer' | 'hub' | 'courier' | 'neighbour';

export interface PartyRef {
  kind: HolderKind;
  id: string;
}

export const sameParty = (a: PartyRef | null | undefined, b: PartyRef | null | undefined): boolean => !!a && !!b && a.kind === b.kind && a.id === b.id;

export const describeParty = (party: PartyRef): string => `${party.kind} ${party.id}`;
