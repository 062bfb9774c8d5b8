/** Plain value types shared by the custody aggregates, with the checks deciders apply to them. */

// Money and UTC instants mean the same in every context that records them (the kernel's values).
export { isUtcInstant, isValidMoney } from '@handoff/kernel';
export type { Money } from '@handoff/kernel';

/** A WGS84 point as a device reported it. */
export interface GeoPoint {
  latitude: number;
  longitude: number;
  accuracyMeters?: number;
}

export const isValidGeoPoint = (point: GeoPoint): boolean =>
  Number.isFinite(point.latitude) &&
  Number.isFinite(point.longitude) &&
  Math.abs(point.latitude) <= 90 &&
  Math.abs(point.longitude) <= 180 &&
  (point.accuracyMeters === undefined || (Number.isFinite(point.accuracyMeters) && point.accuracyMeters >= 0));

/**
 * Evidence is the hash of a photo or signature, never the image: `sha256:` and 64 lowercase hex
 * digits. Checking the shape keeps a base64 photo from ever being stored in an event.
 */
export type EvidenceHash = string;

export const isEvidenceHash = (value: string): boolean => /^sha256:[0-9a-f]{64}$/.test(value);

/** A calendar date (`2025-03-07`), e.g. the day a parcel goes back to the depot. */
export const isCalendarDate = (value: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
