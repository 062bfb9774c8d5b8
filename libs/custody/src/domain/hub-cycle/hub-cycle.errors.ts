import { refusalsOf } from '@handoff/kernel';

export const hubCycleErrorKinds = {
  'HUB_CYCLE.NOT_OPENED': 'not-found',
  'HUB_CYCLE.ALREADY_OPENED': 'conflict',
  'HUB_CYCLE.CLOSED': 'conflict',
  'HUB_CYCLE.HUB_SUSPENDED': 'conflict',
  'HUB_CYCLE.INVALID_DETAILS': 'rule-broken',
} as const;

export type HubCycleErrorCode = keyof typeof hubCycleErrorKinds;

const refuse = refusalsOf<HubCycleErrorCode>(hubCycleErrorKinds);

export const hubCycleErrors = {
  notOpened: (cycleId: string) => refuse('HUB_CYCLE.NOT_OPENED', `Hub cycle ${cycleId} has not been opened.`, { cycleId }),
  alreadyOpened: (cycleId: string) => refuse('HUB_CYCLE.ALREADY_OPENED', `Hub cycle ${cycleId} is already open with a different hub or cap.`, { cycleId }),
  closed: (cycleId: string, closedAt: string) => refuse('HUB_CYCLE.CLOSED', `Hub cycle ${cycleId} closed at ${closedAt}; receive the parcel in the next cycle.`, { cycleId, closedAt }),
  hubSuspended: (cycleId: string, hubId: string) =>
    refuse('HUB_CYCLE.HUB_SUSPENDED', `Hub ${hubId} (or its coordinator) is suspended and cannot open cycle ${cycleId}; it may still close one.`, { cycleId, hubId }),
  invalidDetails: (cycleId: string, field: string, why: string) => refuse('HUB_CYCLE.INVALID_DETAILS', `Hub cycle ${cycleId}: ${field} ${why}.`, { cycleId, field }),
};
