import { rosterErrors } from './roster.errors';

/** Who acts for a hub: an admin, or a coordinator (the hub's, checked here). */
export interface HubActor {
  kind: 'admin' | 'coordinator';
  id: string;
  /** The acting participant is suspended (an admin never is). */
  suspended: boolean;
}

/** The hub as the participants context knows it now: who runs it, and whether it is suspended. Null: no such hub. */
export interface HubStanding {
  hubId: string;
  operatingCoordinatorId: string;
  suspended: boolean;
}

/**
 * A hub's rosters and surges are its coordinator's (and an admin's): another hub's coordinator is
 * refused, and so is a suspended hub or coordinator. The edge has already refused a coordinator
 * whose key names another hub, before reading anything.
 */
export function assertActsForHub(actor: HubActor, hubId: string, hub: HubStanding | null): void {
  if (!hub) throw rosterErrors.hubNotFound(hubId);
  if (actor.kind === 'coordinator' && hub.operatingCoordinatorId !== actor.id) throw rosterErrors.notHubCoordinator(actor.id, hubId);
  if (actor.suspended || (actor.kind === 'coordinator' && hub.suspended)) throw rosterErrors.actorSuspended(actor.id, hubId);
}
