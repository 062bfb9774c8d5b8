import { streamName } from '@handoff/eventstore';

/** Where each participant lives: `participant-<id>` (STYLE.md). */
export const participantStreams = {
  participant: (participantId: string) => streamName('participant', participantId),
};
