import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ReportParcelIncident } from '../../domain/parcel/parcel.commands';
import type { CommandResult } from '../shared/command-result';
import { CustodyEdge, ParcelRequest } from '../shared/custody-edge';
import type { ReportParcelIncidentRequestDto } from './report-parcel-incident.request.dto';

export class ReportParcelIncidentCommand extends ParcelRequest<ReportParcelIncidentRequestDto> {}

/** The holder (or, once closed, the last holder or the retailer) reports damage, loss or theft. */
@CommandHandler(ReportParcelIncidentCommand)
export class ReportParcelIncidentHandler implements ICommandHandler<ReportParcelIncidentCommand, CommandResult> {
  constructor(private readonly edge: CustodyEdge) {}

  async execute({ parcelId, body, facts }: ReportParcelIncidentCommand): Promise<CommandResult> {
    const { base, at } = await this.edge.parcelCommand(parcelId, facts);
    const reportId = body.reportId ?? this.edge.newId();
    const command: ReportParcelIncident = {
      type: 'ReportParcelIncident',
      ...base,
      reportId,
      incident: body.incident,
      discoveredAt: body.discoveredAt,
      description: body.description,
      evidence: body.evidence,
      reportedAt: at,
    };
    return { ...(await this.edge.decideParcel(command, facts)), reportId };
  }
}
