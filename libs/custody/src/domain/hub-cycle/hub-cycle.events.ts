import type { DomainEvent } from '@handoff/kernel';

/** Stream `hubcycle-<cycleId>`: one sorting cycle of one hub, counted against its soft cap. */
export type HubCycleOpened = DomainEvent<'HubCycleOpened', { cycleId: string; hubId: string; cap: number; openedAt: string }>;

export type HubCycleParcelReceived = DomainEvent<
  'HubCycleParcelReceived',
  {
    cycleId: string;
    hubId: string;
    parcelId: string;
    /** 1 for the first parcel of the cycle. */
    intakeNumber: number;
    /** Beyond the cap: accepted, and flagged, because refusing would strand the parcel. */
    overCap: boolean;
    receivedAt: string;
    /**
     * Counted after the cycle closed: the parcel was received while it was open (the receive checks
     * that), and the reaction that counts it ran after the close (ADR 0020). Never lost, never
     * refused; absent on intakes counted while open. HubCycleClosed's figures leave it out.
     */
    late?: true;
  }
>;

/** Written once per cycle, with the first parcel over the cap: what an overloaded-hub alert follows. */
export type HubCycleCapExceeded = DomainEvent<'HubCycleCapExceeded', { cycleId: string; hubId: string; cap: number; exceededAt: string }>;

export type HubCycleClosed = DomainEvent<'HubCycleClosed', { cycleId: string; hubId: string; parcelsReceived: number; parcelsOverCap: number; closedAt: string }>;

export type HubCycleEvent = HubCycleOpened | HubCycleParcelReceived | HubCycleCapExceeded | HubCycleClosed;

export const hubCycleEventSchemaVersions = {
  HubCycleOpened: 1,
  HubCycleParcelReceived: 1,
  HubCycleCapExceeded: 1,
  HubCycleClosed: 1,
} as const satisfies Record<HubCycleEvent['type'], number>;
