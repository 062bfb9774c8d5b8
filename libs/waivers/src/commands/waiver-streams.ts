import { streamName } from '@handoff/eventstore';

/** Where each waivers aggregate lives: `<category>-<id>` (STYLE.md). */
export const waiverStreams = {
  template: (templateId: string) => streamName('waivertemplate', templateId),
  signatures: (participantId: string) => streamName('waiver', participantId),
};

/**
 * Categories waiver commands and custody's WAIVER_COVERAGE consult without writing them: a
 * signature reads its template's stream, and custody's acceptance reads the courier's signatures
 * and their templates. The aggregate cache follows these.
 */
export const WAIVER_CONSULTED_CATEGORIES: readonly string[] = ['waivertemplate', 'waiver'];
