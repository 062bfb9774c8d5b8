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

/**
 * How a parcel's intake counted in this cycle, for the parcel's ParcelReceivedAtHub: the command
 * handler records the intake here first, then passes this on. Null if it was not received here.
 */
export function intakeOf(cycle: HubCycle, parcelId: string): { cycleId: string; overCap: boolean } | null {
  if (cycle.status === 'unopened') return null;
  const position = cycle.parcelIds.indexOf(parcelId);
  return position < 0 ? null : { cycleId: cycle.cycleId, overCap: position + 1 > cycle.cap };
}
