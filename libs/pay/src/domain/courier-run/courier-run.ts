import type { Decider, DomainEvent } from '@handoff/kernel';

/**
 * Stream `payrun-<hubId>:<shiftId>`: a courier's loop or shift ended (rosters' ShiftWorked), noted by the
 * accrual reaction only once every earlier delivery is priced (ADR 0026). The postings reaction
 * then tops the loop up on the courier's ledger behind those deliveries' lines, in `$all` order, so
 * the dead-mile guarantee counts every delivery recorded before the loop's end, never one twice.
 */
export type CourierRunEnded = DomainEvent<
  'CourierRunEnded',
  { shiftId: string; sourceEventId: string; participantId: string; period: string; hubId: string; run: 'loop' | 'shift'; routeId: string | null; startedAt: string; endedAt: string }
>;

export const courierRunEventSchemaVersions = { CourierRunEnded: 1 } as const satisfies Record<CourierRunEnded['type'], number>;

export type NoteCourierRunEnded = { type: 'NoteCourierRunEnded' } & CourierRunEnded['data'];

export const courierRunDecider: Decider<NoteCourierRunEnded, { noted: boolean }, CourierRunEnded> = {
  initialState: () => ({ noted: false }),
  decide: ({ type: _type, ...data }, state) => (state.noted ? [] : [{ type: 'CourierRunEnded', data }]),
  evolve: () => ({ noted: true }),
};
