/**
 * `$all` positions as the projection runtime stores and compares them. EventStoreDB orders `$all`
 * by (commit, prepare); both are unsigned 64-bit. BSON has no unsigned 64-bit integer and query
 * engines compare mixed numeric types loosely, so positions are stored as fixed-width decimal
 * strings: the string order is the position order, in MongoDB and in the embedded server alike.
 */
import type { AllPosition } from '@handoff/eventstore';

const WIDTH = 20; // 2^64 has 20 decimal digits

/** A position as stored in read-model documents: `"<commit>/<prepare>"`, zero-padded. */
export type PositionKey = string;

/** Sorts before every real position: "nothing applied yet". */
export const START_KEY: PositionKey = '';

export function positionKey(position: AllPosition): PositionKey {
  const commit = pad(position.commit);
  // one formatting for both halves when they are equal (every position the embedded server gives)
  return `${commit}/${position.prepare === position.commit ? commit : pad(position.prepare)}`;
}

export function positionFromKey(key: PositionKey): AllPosition | undefined {
  if (key === START_KEY) return undefined;
  const match = /^(\d{20})\/(\d{20})$/.exec(key);
  if (!match) throw new Error(`not a position key: "${key}"`);
  return { commit: BigInt(match[1]!), prepare: BigInt(match[2]!) };
}

/**
 * The idempotency marker of one change: the event's position and the change's index among the
 * changes that event produced, so two changes of one event to one document are both applied once.
 */
export function changeMarker(position: AllPosition, index: number): string {
  return changeMarkerAt(positionKey(position), index);
}

/** changeMarker from the position's key, for callers that have it already. */
export function changeMarkerAt(key: PositionKey, index: number): string {
  return index === 0 ? `${key}#0000` : `${key}#${String(index).padStart(4, '0')}`;
}

/** Positions on the wire (HTTP header, query string, CLI): `"<commit>:<prepare>"`, or `"<commit>"` when both are equal. */
export function formatPosition(position: AllPosition): string {
  return position.commit === position.prepare ? String(position.commit) : `${position.commit}:${position.prepare}`;
}

export function parsePosition(text: string): AllPosition {
  const match = /^(\d{1,20})(?::(\d{1,20}))?$/.exec(text.trim());
  if (!match) throw new InvalidPositionError(text);
  const commit = BigInt(match[1]!);
  const prepare = match[2] === undefined ? commit : BigInt(match[2]);
  if (commit >= 2n ** 64n || prepare >= 2n ** 64n) throw new InvalidPositionError(text);
  return { commit, prepare };
}

export function comparePositions(a: AllPosition, b: AllPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

export class InvalidPositionError extends Error {
  readonly code = 'PROJECTIONS.INVALID_POSITION';

  constructor(text: string) {
    super(`"${text}" is not a $all position: expected "<commit>" or "<commit>:<prepare>" (unsigned 64-bit integers)`);
    this.name = 'InvalidPositionError';
  }
}

function pad(value: bigint): string {
  if (value < 0n) throw new Error(`negative position ${value}`);
  return value.toString().padStart(WIDTH, '0');
}
