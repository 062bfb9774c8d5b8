import type { HubActor, HubStanding } from './hub-authority';

/** Shared by the rosters specs: a clock in minutes from BASE, one hub run by coord-1, and its volunteers. */
export const BASE = '2025-03-03T00:00:00.000Z';
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const NOTICE_MS = 6 * DAY;

/** The instant `ms` after BASE. */
export const at = (ms: number): string => new Date(Date.parse(BASE) + ms).toISOString();

export const HUB_ID = 'hub-mill';
export const hub: HubStanding = { hubId: HUB_ID, operatingCoordinatorId: 'coord-1', suspended: false };
export const coordinator: HubActor = { kind: 'coordinator', id: 'coord-1', suspended: false };
export const otherCoordinator: HubActor = { kind: 'coordinator', id: 'coord-2', suspended: false };
export const admin: HubActor = { kind: 'admin', id: 'admin-1', suspended: false };

export const volunteer = (participantId: string, overrides: { suspended?: boolean; kind?: string; engagement?: string } = {}) => ({
  participantId,
  kind: 'courier',
  engagement: 'volunteer',
  suspended: false,
  ...overrides,
});

export { recorded } from '@handoff/testing';
