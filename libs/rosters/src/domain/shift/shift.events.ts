import type { DomainEvent } from '@handoff/kernel';

/**
 * What kind of work a shift was: an hourly role (a dispatcher, paid by the hour), a volunteer's
 * shift (earns credits), or a courier's loop or shift (the dead-mile guarantee's unit).
 */
export type ShiftWork = { kind: 'hourly'; role: string } | { kind: 'volunteer' } | { kind: 'courier'; run: 'loop' | 'shift'; routeId: string | null };

/**
 * A shift was worked, as recorded at its hub: the one fact the pay context prices shifts from
 * (hourly pay, volunteer credits, the dead-mile top-up of a courier's loop). `[startedAt, endedAt)`
 * are the stated times; `recordedAt` is the server's.
 */
export type ShiftWorked = DomainEvent<
  'ShiftWorked',
  { shiftId: string; hubId: string; participantId: string; work: ShiftWork; startedAt: string; endedAt: string; recordedBy: string; recordedAt: string }
>;
