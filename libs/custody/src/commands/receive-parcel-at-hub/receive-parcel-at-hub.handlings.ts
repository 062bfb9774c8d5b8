import { handleCommand } from '@handoff/commands';
import type { Command } from '@handoff/kernel';
import { requireIntakeOpen } from '../../domain/hub-cycle/hub-cycle.decide';
import { hubCycleDecider } from '../../domain/hub-cycle/hub-cycle.decider';
import type { ParcelCommand, ReceiveParcelAtHub as ReceiveParcelAtHubDomain } from '../../domain/parcel/parcel.commands';
import { parcelDecider } from '../../domain/parcel/parcel.decider';
import type { ConditionReport, ParcelEvent } from '../../domain/parcel/parcel.events';
import type { Parcel } from '../../domain/parcel/parcel.state';
import type { CustodyEdge } from '../shared/custody-edge';
import { custodyStreams } from '../shared/custody-streams';

export type ReceiveParcelAtHub = Command<'ReceiveParcelAtHub', { parcelId: string; condition: ConditionReport; cycleId?: string }>;

/**
 * How a hub's receive is decided (ADR 0016, ADR 0020): on the parcel's stream only. A named cycle
 * is read to refuse, at once, one that is closed, unknown or another hub's; it is not written to.
 * The cycle counts the intake from the parcel's event, by the `hub-cycle-intake` reaction, so a
 * refused parcel is never counted and a received one is counted exactly once.
 */
export const receiveParcelAtHubHandling = (edge: CustodyEdge) =>
  handleCommand<ReceiveParcelAtHub, ParcelCommand, Parcel, ParcelEvent>({
    type: 'ReceiveParcelAtHub',
    decider: parcelDecider,
    roles: ['coordinator'],
    streamOf: (command) => custodyStreams.parcel(command.data.parcelId),
    toDomain: async (issued, parcel) => {
      const { data } = issued;
      const { base, at: receivedAt } = await edge.parcelCommandBase(issued);
      const received = (cycle: ReceiveParcelAtHubDomain['cycle']): ReceiveParcelAtHubDomain => ({ type: 'ReceiveParcelAtHub', ...base, condition: { ...data.condition }, cycle, receivedAt });
      if (!data.cycleId) return received(null);
      const command = received({ cycleId: data.cycleId });
      // The parcel is judged first, as before: its refusals (and a repeat that records nothing)
      // answer before anything about the cycle is asked.
      if (parcelDecider.decide(command, parcel).length === 0) return received(null);
      const { state: cycle } = await edge.repository.load(hubCycleDecider, custodyStreams.hubCycle(data.cycleId));
      requireIntakeOpen(cycle, data.cycleId, base.actor.id, data.parcelId);
      return command;
    },
  });
