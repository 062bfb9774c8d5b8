/**
 * The rosters context's only door: volunteer rosters, shifts worked, surge windows and first
 * refusal. Today only the facts the pay context prices (a shift worked, a surge delivery claimed):
 * their shapes are the contract between the two contexts.
 */
export type { ShiftWork, ShiftWorked } from './domain/shift/shift.events';
export type { SurgeDeliveryClaimed } from './domain/surge/surge.events';
