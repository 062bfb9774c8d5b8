/**
 * The rosters questions, answered from the read models: a hub's roster for a week, broken promises
 * per hub and per coordinator, and a surge window's offers, claims, lapses and gig releases per
 * block. Who may read what is checked before anything is read: admins and auditors read every
 * hub; a coordinator reads their own hub's (the hub their key names) and their own promises.
 */
import type { Document } from 'mongodb';
import type { ReadModels } from '@handoff/projections';
import { rosterErrors } from '../domain/shared/roster.errors';
import { BROKEN_PROMISES, ROSTER_SHIFTS, rosterBoardProjection, weekOf } from './roster-board/roster-board.projection';
import { SURGE_DELIVERIES, SURGE_WINDOWS, surgeOffersProjection } from './surge-offers/surge-offers.projection';

export interface RosterViewer {
  role: string;
  participantId: string;
  hubId?: string;
}

/** Broken promises, counted: how many, how many late, and how late in all. */
export interface PromiseTally {
  broken: number;
  late: number;
  totalLateByMs: number;
}

export interface SurgeBlockReport {
  blockId: string;
  offered: number;
  claimed: number;
  declined: number;
  lapsed: number;
  open: number;
  releasedToGig: { declined: number; lapsed: number; 'limit-reached': number; 'no-sorter': number };
}

/** A window's deliveries at the most (a surge window is hours, a block's offers a handful). */
const MAX_DELIVERIES = 10_000;
const MAX_PROMISES = 1_000;
const HIDDEN = { _id: 0, _position: 0 };

export class RosterQueries {
  constructor(private readonly readModels: ReadModels) {}

  /** The hub's shifts starting in the week (Monday to Sunday, UTC) that `day` falls in, cancelled ones included and marked. */
  async rosterWeek(viewer: RosterViewer, hubId: string, day: string): Promise<{ hubId: string; weekOf: string; shifts: Document[] }> {
    mayReadHub(viewer, hubId);
    const week = weekOf(`${day}T00:00:00Z`);
    const shifts = await this.readModels.collection(rosterBoardProjection.name, ROSTER_SHIFTS);
    return { hubId, weekOf: week, shifts: await shifts.find({ hubId, weekOf: week }, { sort: { startsAt: 1, shiftId: 1 }, projection: HIDDEN }).toArray() };
  }

  /** A hub's broken promises, newest first, with the tally overall and per coordinator who published the shifts. */
  async brokenPromisesOfHub(
    viewer: RosterViewer,
    hubId: string,
  ): Promise<{ hubId: string; tally: PromiseTally; byCoordinator: Array<{ coordinatorId: string } & PromiseTally>; promises: Document[] }> {
    mayReadHub(viewer, hubId);
    const promises = await this.promises({ hubId });
    return { hubId, tally: tally(promises), byCoordinator: grouped(promises, 'publishedBy').map(([coordinatorId, some]) => ({ coordinatorId, ...tally(some) })), promises };
  }

  /** The promises a coordinator published and someone broke, with the tally overall and per hub. */
  async brokenPromisesOfCoordinator(
    viewer: RosterViewer,
    coordinatorId: string,
  ): Promise<{ coordinatorId: string; tally: PromiseTally; byHub: Array<{ hubId: string } & PromiseTally>; promises: Document[] }> {
    if (viewer.role === 'coordinator' && viewer.participantId !== coordinatorId) throw rosterErrors.notOwnRecord(viewer.participantId, coordinatorId);
    const promises = await this.promises({ publishedBy: coordinatorId });
    return { coordinatorId, tally: tally(promises), byHub: grouped(promises, 'hubId').map(([hubId, some]) => ({ hubId, ...tally(some) })), promises };
  }

  /** A surge window at the hub: its terms, and per block the offers made and what became of them (ADR 0028). */
  async surgeReport(viewer: RosterViewer, hubId: string, windowId: string): Promise<Document & { blocks: SurgeBlockReport[]; deliveries: Document[] }> {
    mayReadHub(viewer, hubId);
    const [windows, deliveries] = await this.readModels.collections([
      [surgeOffersProjection.name, SURGE_WINDOWS],
      [surgeOffersProjection.name, SURGE_DELIVERIES],
    ]);
    const window = await windows!.findOne({ _id: windowId as never, hubId }, { projection: { _position: 0 } });
    if (!window) throw rosterErrors.windowNotFound(windowId);
    const found = await deliveries!.find({ windowId }, { sort: { blockId: 1, offerNumber: 1, parcelId: 1 }, limit: MAX_DELIVERIES, projection: HIDDEN }).toArray();
    const { _id, ...terms } = window;
    return { windowId, ...terms, blocks: grouped(found, 'blockId').map(([blockId, some]) => blockReport(blockId, some)), deliveries: found };
  }

  private async promises(filter: Document): Promise<Document[]> {
    const collection = await this.readModels.collection(rosterBoardProjection.name, BROKEN_PROMISES);
    return collection.find(filter, { sort: { brokenAt: -1, shiftId: 1 }, limit: MAX_PROMISES, projection: HIDDEN }).toArray();
  }
}

function mayReadHub(viewer: RosterViewer, hubId: string): void {
  if (viewer.role === 'coordinator' && viewer.hubId !== hubId) throw rosterErrors.notHubCoordinator(viewer.participantId, hubId);
}

function tally(promises: Document[]): PromiseTally {
  return {
    broken: promises.length,
    late: promises.filter((promise) => promise.lateByMs > 0).length,
    totalLateByMs: promises.reduce((sum, promise) => sum + (promise.lateByMs as number), 0),
  };
}

/** Documents grouped by a field's value, groups in the value's order. */
function grouped(documents: Document[], field: string): Array<[string, Document[]]> {
  const groups = new Map<string, Document[]>();
  for (const document of documents) groups.set(document[field] as string, [...(groups.get(document[field] as string) ?? []), document]);
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function blockReport(blockId: string, deliveries: Document[]): SurgeBlockReport {
  const offered = deliveries.filter((delivery) => delivery.offerId);
  const outcome = (name: string) => offered.filter((delivery) => delivery.outcome === name).length;
  const released = (reason: string) => deliveries.filter((delivery) => delivery.gig?.reason === reason).length;
  return {
    blockId,
    offered: offered.length,
    claimed: outcome('claimed'),
    declined: outcome('declined'),
    lapsed: outcome('lapsed'),
    open: outcome('open'),
    releasedToGig: { declined: released('declined'), lapsed: released('lapsed'), 'limit-reached': released('limit-reached'), 'no-sorter': released('no-sorter') },
  };
}
