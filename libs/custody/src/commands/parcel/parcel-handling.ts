import { type CommandHandling, handleCommand } from '@handoff/commands';
import type { Command } from '@handoff/kernel';
import type { ParcelCommand, ParcelCommandBase } from '../../domain/parcel/parcel.commands';
import { parcelDecider } from '../../domain/parcel/parcel.decider';
import type { ParcelEvent } from '../../domain/parcel/parcel.events';
import type { Parcel } from '../../domain/parcel/parcel.state';
import type { CustodyEdge } from '../shared/custody-edge';
import { custodyStreams } from '../shared/custody-streams';

/** A command decided on one parcel's stream: its data names the parcel. */
export type OnParcel<Type extends string, Data extends object> = Command<Type, { parcelId: string } & Data>;

/** What one parcel command's handling says beyond what they all share. */
interface ParcelHandling<C extends OnParcel<string, object>> {
  type: C['type'];
  /** Who may issue it at all; finer scope (the holder, the named receiver, a former holder) is the decider's. */
  roles: readonly string[];
  /**
   * The decider's command, from the command, the base every parcel command starts from (the acting
   * party, its standing, the stated-time clock), the command's time and the parcel it is decided on.
   */
  toDomain(command: C, base: ParcelCommandBase, at: string, parcel: Parcel): ParcelCommand | Promise<ParcelCommand>;
  created?(command: C): Record<string, string>;
}

/**
 * How a context's parcel commands are declared (ADR 0016): `on(handling)` decides one with the parcel
 * decider on `parcel-<parcelId>`, the acting party resolved from the command's metadata first.
 */
export const parcelHandling =
  (edge: CustodyEdge) =>
  <C extends OnParcel<string, object>>({ toDomain, ...handling }: ParcelHandling<C>): CommandHandling<C, ParcelCommand, Parcel, ParcelEvent> =>
    handleCommand<C, ParcelCommand, Parcel, ParcelEvent>({
      ...handling,
      decider: parcelDecider,
      streamOf: (command) => custodyStreams.parcel(command.data.parcelId),
      toDomain: async (command, parcel) => {
        const { base, at } = await edge.parcelCommandBase(command);
        return toDomain(command, base, at, parcel);
      },
    });
