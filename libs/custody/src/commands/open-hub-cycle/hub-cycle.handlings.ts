import { handleCommand } from '@handoff/commands';
import type { Command } from '@handoff/kernel';
import type { HubCycleCommand } from '../../domain/hub-cycle/hub-cycle.commands';
import { hubCycleDecider } from '../../domain/hub-cycle/hub-cycle.decider';
import type { HubCycleEvent } from '../../domain/hub-cycle/hub-cycle.events';
import type { HubCycle } from '../../domain/hub-cycle/hub-cycle.state';
import type { CustodyEdge } from '../shared/custody-edge';
import { custodyStreams } from '../shared/custody-streams';

export type OpenHubCycle = Command<'OpenHubCycle', { cycleId: string }>;
export type CloseHubCycle = Command<'CloseHubCycle', { cycleId: string }>;
/** Issued by the `hub-cycle-intake` reaction only, from a parcel's ParcelReceivedAtHub (ADR 0020). */
export type RecordHubCycleIntake = Command<'RecordHubCycleIntake', { cycleId: string; hubId: string; parcelId: string; receivedAt: string }>;

/** The time a command's fact happened: the one it states, else when it was issued. */
const timeOf = ({ metadata }: Command): string => metadata.occurredAt ?? metadata.now;

/** How hub-cycle commands are decided (ADR 0016): a coordinator opens and closes their hub's cycles; a reaction counts intakes. */
export const hubCycleHandlings = (edge: CustodyEdge) => [
  handleCommand<OpenHubCycle, HubCycleCommand, HubCycle, HubCycleEvent>({
    type: 'OpenHubCycle',
    decider: hubCycleDecider,
    roles: ['coordinator'],
    streamOf: (command) => custodyStreams.hubCycle(command.data.cycleId),
    // The cap is the hub's current one; a suspended hub or coordinator may not open a cycle.
    toDomain: async (command) => {
      const { party: hub, suspended } = await edge.acting(command.metadata.actor);
      const { profile } = await edge.participant(hub.id, 'hub');
      return { type: 'OpenHubCycle', cycleId: command.data.cycleId, hubId: hub.id, cap: profile.perCycleCap, hubSuspended: suspended, openedAt: timeOf(command) };
    },
    created: (command) => ({ cycleId: command.data.cycleId }),
  }),
  handleCommand<CloseHubCycle, HubCycleCommand, HubCycle, HubCycleEvent>({
    type: 'CloseHubCycle',
    decider: hubCycleDecider,
    roles: ['coordinator'],
    streamOf: (command) => custodyStreams.hubCycle(command.data.cycleId),
    // Only the hub's own coordinator closes it: the decider answers another hub as if never opened.
    toDomain: async (command) => ({ type: 'CloseHubCycle', cycleId: command.data.cycleId, hubId: (await edge.partyOf(command.metadata.actor)).id, closedAt: timeOf(command) }),
  }),
  handleCommand<RecordHubCycleIntake, HubCycleCommand, HubCycle, HubCycleEvent>({
    type: 'RecordHubCycleIntake',
    decider: hubCycleDecider,
    // Nobody counts an intake by hand: the hub's receive is the fact, the reaction its consequence.
    roles: ['system'],
    streamOf: (command) => custodyStreams.hubCycle(command.data.cycleId),
    toDomain: ({ data }) => ({ type: 'RecordHubCycleIntake', ...data }),
  }),
];
