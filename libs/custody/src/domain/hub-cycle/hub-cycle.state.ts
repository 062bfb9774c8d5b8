interface CycleFacts {
  cycleId: string;
  hubId: string;
  cap: number;
  openedAt: string;
  /** In intake order: a parcel's position tells whether it came in over the cap. */
  parcelIds: string[];
}

export type HubCycle = { status: 'unopened' } | (CycleFacts & { status: 'open' }) | (CycleFacts & { status: 'closed'; closedAt: string });

export const initialState = (): HubCycle => ({ status: 'unopened' });
