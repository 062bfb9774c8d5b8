import { streamName } from '@handoff/eventstore';

/** Where each rosters aggregate lives: `<category>-<id>` (STYLE.md). */
export const rosterStreams = {
  roster: (hubId: string) => streamName('roster', hubId),
  surge: (windowId: string) => streamName('surge', windowId),
};

/**
 * Categories rosters commands consult without writing them: a surge offer reads the hub's roster
 * (who sorts the block), and every command reads participants (the hub's coordinator, the
 * volunteer) through ROSTER_PARTIES. The aggregate cache follows these.
 */
export const ROSTER_CONSULTED_CATEGORIES: readonly string[] = ['roster', 'participant'];
