import { Inject, NotFoundException } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { dataSubjectDecider } from '../../personal-data/data-subject-erasure.decider';
import { PersonalDataVault } from '../../personal-data/personal-data-vault';
import { SUBJECT_KEY_STORE, type SubjectKeyStore } from '../../personal-data/subject-key-store';
import { commandResult, type CommandResult } from '../shared/command-result';
import { CustodyEdge, type RequestFacts } from '../shared/custody-edge';
import { custodyStreams } from '../shared/custody-streams';

export class ErasePersonalDataCommand {
  constructor(
    readonly subjectId: string,
    readonly facts: RequestFacts,
  ) {}
}

/**
 * Crypto-shredding: the subject's key is destroyed first (the erasure itself), then the fact is
 * recorded on the subject's stream. A retry after a failure in between destroys nothing new and
 * records the fact once.
 */
@CommandHandler(ErasePersonalDataCommand)
export class ErasePersonalDataHandler implements ICommandHandler<ErasePersonalDataCommand, CommandResult & { shreddedAt: string }> {
  constructor(
    private readonly edge: CustodyEdge,
    @Inject(PersonalDataVault) private readonly vault: PersonalDataVault,
    @Inject(SUBJECT_KEY_STORE) private readonly keys: SubjectKeyStore,
  ) {}

  async execute({ subjectId, facts }: ErasePersonalDataCommand): Promise<CommandResult & { shreddedAt: string }> {
    if ((await this.keys.getKey(subjectId)) === null) {
      throw new NotFoundException({ code: 'PERSONAL_DATA.SUBJECT_NOT_FOUND', message: `No personal data is held for ${subjectId}.` });
    }
    const { shreddedAt } = await this.vault.erase(subjectId);
    const command = { type: 'RecordPersonalDataErasure' as const, subjectId, shreddedAt, erasedAt: this.edge.timeOf(facts) };
    const outcome = await this.edge.repository.handleCommand(dataSubjectDecider, custodyStreams.dataSubject(subjectId), command, this.edge.context(facts));
    return { ...commandResult(subjectId, outcome), shreddedAt };
  }
}
