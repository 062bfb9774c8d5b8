/** The roles an API key can carry (issue 4). */
export const ROLES = ['admin', 'coordinator', 'courier', 'retailer', 'insurer', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who is calling, from their API key. `participantId` is the participant the key was issued to
 * (a courier's, retailer's or coordinator's participant id; a free identifier for admins,
 * insurers and auditors). A coordinator's key also names the hub they act for (`hubId`), which
 * handlers re-check against the hub's current operating coordinator.
 */
export interface AuthenticatedActor {
  keyId: string;
  role: Role;
  participantId: string;
  hubId?: string;
}

/** What event metadata records as the actor: the role and the participant id. */
export const metadataActor = (actor: AuthenticatedActor): { kind: Role; id: string } => ({ kind: actor.role, id: actor.participantId });
