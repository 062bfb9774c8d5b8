/** The cap arrives resolved from the hub's profile (DEFAULT_HUB_CYCLE_CAP unless the hub set its own). */
export interface OpenHubCycle {
  type: 'OpenHubCycle';
  cycleId: string;
  hubId: string;
  cap: number;
  /** The hub or its coordinator is suspended: no new cycle (closing one stays possible). */
  hubSuspended: boolean;
  openedAt: string;
}

export interface RecordHubCycleIntake {
  type: 'RecordHubCycleIntake';
  cycleId: string;
  /** The hub taking the parcel in: only its own cycles count it. */
  hubId: string;
  parcelId: string;
  receivedAt: string;
}

export interface CloseHubCycle {
  type: 'CloseHubCycle';
  cycleId: string;
  /** The hub whose coordinator closes it: only a hub's own cycle is closed by it. */
  hubId: string;
  closedAt: string;
}

export type HubCycleCommand = OpenHubCycle | RecordHubCycleIntake | CloseHubCycle;
