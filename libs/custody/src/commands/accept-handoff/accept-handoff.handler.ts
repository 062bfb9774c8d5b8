import { Inject } from '@nestjs/common';
import { WAIVER_COVERAGE, type WaiverCoverage, type WaiverCoveragePort } from '../../domain/parcel/waiver-coverage.port';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { AcceptParcelHandoff, CollectivePolicySnapshot } from '../../domain/parcel/parcel.commands';
import type { CommandResult } from '../shared/command-result';
import { CustodyEdge, ParcelRequest } from '../shared/custody-edge';
import type { AcceptHandoffRequestDto } from './accept-handoff.request.dto';

export class AcceptHandoffCommand extends ParcelRequest<AcceptHandoffRequestDto> {}

/** The named receiver takes custody, recording condition, evidence and place; a courier's waiver is checked at this instant. */
@CommandHandler(AcceptHandoffCommand)
export class AcceptHandoffHandler implements ICommandHandler<AcceptHandoffCommand, CommandResult> {
  constructor(
    private readonly edge: CustodyEdge,
    @Inject(WAIVER_COVERAGE) private readonly waivers: WaiverCoveragePort,
  ) {}

  async execute({ parcelId, handoffId, body, facts }: AcceptHandoffCommand): Promise<CommandResult> {
    const { base, at: acceptedAt } = await this.edge.parcelCommand(parcelId, facts);
    const { actor } = base;
    const receiver = await this.edge.receiverStanding({ kind: actor.kind === 'hub' ? 'hub' : 'courier', id: actor.id });
    const waiver: WaiverCoverage = receiver.kind === 'courier' ? await this.waivers.coverageAt(actor.id, acceptedAt) : { covered: false, reason: 'none' };
    const command = (policy: CollectivePolicySnapshot): AcceptParcelHandoff => ({
      type: 'AcceptParcelHandoff',
      ...base,
      handoffId,
      receiver,
      policy,
      waiver,
      condition: { ...body.condition },
      evidence: body.evidence,
      geo: { ...body.geo },
      deviceTime: body.deviceTime,
      acceptedAt,
    });
    return this.edge.decideParcelUnderPolicy(parcelId, command, facts);
  }
}
