import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { AggregateRepository, streamName } from '@handoff/eventstore';
import type { HttpCommandFacts } from '@handoff/commands';
import { CLOCK, type Clock } from '@handoff/shared';
import { commandContext } from '@handoff/shared/http';
import { dataSubjectDecider } from '../../domain/data-subject-erasure.decider';
import { PersonalDataVault } from '../../personal-data-vault';
import { SUBJECT_KEY_STORE, type SubjectKeyStore } from '../../subject-key-store';

/** The erasure record of a data subject (recipient or neighbour): `datasubject-<id>`. */
export const dataSubjectStream = (subjectId: string) => streamName('datasubject', subjectId);

/** What an erasure answers: the subject, its stream's revision, what was recorded, the `$all` position, and when the key was destroyed. */
export interface ErasureResult {
  id: string;
  revision: number;
  recorded: string[];
  position?: { commit: bigint; prepare: bigint };
  shreddedAt: string;
}

/**
 * Crypto-shredding: the subject's key is destroyed first (the erasure itself), then the fact is
 * recorded on the subject's stream. A retry after a failure in between destroys nothing new and
 * records the fact once.
 */
@Injectable()
export class PersonalDataErasure {
  constructor(
    private readonly repository: AggregateRepository,
    @Inject(PersonalDataVault) private readonly vault: PersonalDataVault,
    @Inject(SUBJECT_KEY_STORE) private readonly keys: SubjectKeyStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async erase(subjectId: string, facts: HttpCommandFacts): Promise<ErasureResult> {
    if ((await this.keys.getKey(subjectId)) === null) {
      throw new NotFoundException({ code: 'PERSONAL_DATA.SUBJECT_NOT_FOUND', message: `No personal data is held for ${subjectId}.` });
    }
    const { shreddedAt } = await this.vault.erase(subjectId);
    const erasedAt = facts.occurredAt ?? this.clock.nowIso();
    const command = { type: 'RecordPersonalDataErasure' as const, subjectId, shreddedAt, erasedAt };
    const outcome = await this.repository.handleCommand(dataSubjectDecider, dataSubjectStream(subjectId), command, commandContext(facts.request as never, facts.actor, erasedAt));
    return {
      id: subjectId,
      revision: outcome.nextExpectedRevision === 'no_stream' ? -1 : Number(outcome.nextExpectedRevision),
      recorded: outcome.events.map((event) => event.type),
      ...(outcome.position ? { position: outcome.position } : {}),
      shreddedAt,
    };
  }
}
