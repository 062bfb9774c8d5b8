import { Body, Controller, Delete, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@handoff/shared/auth';
import type { ParticipantCommand } from '../../domain/participants/participant.commands';
import { engagementOf } from '../register-participant/courier-engagement';
import type { CommandResult } from '../shared/command-result';
import type { RequestFacts } from '../shared/custody-edge';
import { Facts } from '../shared/http-request';
import { IdParam } from '../shared/id-param.pipe';
import { ManageParticipantCommand } from '../shared/participant-command';
import {
  AdmitCollectiveMemberRequestDto,
  AssignHubCoordinatorRequestDto,
  ChangeCollectivePolicyRequestDto,
  ChangeCourierEngagementRequestDto,
  ChangeCourierVettingRequestDto,
  ChangeHubAddressRequestDto,
  ChangeHubCycleCapRequestDto,
  ReinstateParticipantRequestDto,
  RenameParticipantRequestDto,
  SuspendParticipantRequestDto,
} from './change-participant.request.dto';
import { CommandGateway } from '../shared/command-gateway';

/** Admins update and suspend participants; a change to the current value records nothing. */
@ApiTags('participants')
@ApiBearerAuth()
@Controller()
@Roles('admin')
export class ChangeParticipantHttpController {
  constructor(private readonly commands: CommandGateway) {}

  @Post('participants/:participantId/rename')
  @HttpCode(200)
  rename(@Param('participantId', IdParam) id: string, @Body() body: RenameParticipantRequestDto, @Facts() facts: RequestFacts) {
    return this.run(id, facts, (at) => ({ type: 'RenameParticipant', participantId: id, displayName: body.displayName, renamedAt: at }));
  }

  @Post('participants/:participantId/suspend')
  @HttpCode(200)
  suspend(@Param('participantId', IdParam) id: string, @Body() body: SuspendParticipantRequestDto, @Facts() facts: RequestFacts) {
    return this.run(id, facts, (at) => ({ type: 'SuspendParticipant', participantId: id, reason: body.reason, suspendedAt: at }));
  }

  @Post('participants/:participantId/reinstate')
  @HttpCode(200)
  reinstate(@Param('participantId', IdParam) id: string, @Body() _body: ReinstateParticipantRequestDto, @Facts() facts: RequestFacts) {
    return this.run(id, facts, (at) => ({ type: 'ReinstateParticipant', participantId: id, reinstatedAt: at }));
  }

  @Put('hubs/:participantId/address')
  hubAddress(@Param('participantId', IdParam) id: string, @Body() body: ChangeHubAddressRequestDto, @Facts() facts: RequestFacts) {
    const { lines, locality, postalCode, countryCode } = body.address;
    return this.run(id, facts, (at) => ({ type: 'ChangeHubAddress', participantId: id, address: { lines, locality, postalCode, countryCode }, changedAt: at }));
  }

  @Put('hubs/:participantId/coordinator')
  hubCoordinator(@Param('participantId', IdParam) id: string, @Body() body: AssignHubCoordinatorRequestDto, @Facts() facts: RequestFacts) {
    return this.run(id, facts, (at) => ({ type: 'AssignHubCoordinator', participantId: id, coordinatorId: body.coordinatorId, assignedAt: at }));
  }

  @Put('hubs/:participantId/cycle-cap')
  hubCycleCap(@Param('participantId', IdParam) id: string, @Body() body: ChangeHubCycleCapRequestDto, @Facts() facts: RequestFacts) {
    return this.run(id, facts, (at) => ({ type: 'ChangeHubCycleCap', participantId: id, perCycleCap: body.perCycleCap, changedAt: at }));
  }

  @Put('couriers/:participantId/engagement')
  courierEngagement(@Param('participantId', IdParam) id: string, @Body() body: ChangeCourierEngagementRequestDto, @Facts() facts: RequestFacts) {
    return this.run(id, facts, (at) => ({ type: 'ChangeCourierEngagement', participantId: id, engagement: engagementOf(body.engagement), changedAt: at }));
  }

  @Put('couriers/:participantId/vetting')
  courierVetting(@Param('participantId', IdParam) id: string, @Body() body: ChangeCourierVettingRequestDto, @Facts() facts: RequestFacts) {
    return this.run(id, facts, (at) => ({ type: 'ChangeCourierVetting', participantId: id, vetting: body.vetting, changedAt: at }));
  }

  @Put('collectives/:participantId/policy')
  collectivePolicy(@Param('participantId', IdParam) id: string, @Body() body: ChangeCollectivePolicyRequestDto, @Facts() facts: RequestFacts) {
    const { declaredValueThreshold: threshold, waiverRequired } = body.policy;
    const policy = { declaredValueThreshold: { amountMinor: threshold.amountMinor, currency: threshold.currency }, waiverRequired };
    return this.run(id, facts, (at) => ({ type: 'ChangeCollectivePolicy', participantId: id, policy, changedAt: at }));
  }

  @Post('collectives/:participantId/members')
  @HttpCode(200)
  admitMember(@Param('participantId', IdParam) id: string, @Body() body: AdmitCollectiveMemberRequestDto, @Facts() facts: RequestFacts) {
    return this.run(id, facts, (at) => ({ type: 'AdmitCollectiveMember', participantId: id, retailerId: body.retailerId, admittedAt: at }));
  }

  @Delete('collectives/:participantId/members/:retailerId')
  removeMember(@Param('participantId', IdParam) id: string, @Param('retailerId', IdParam) retailerId: string, @Facts() facts: RequestFacts) {
    return this.run(id, facts, (at) => ({ type: 'RemoveCollectiveMember', participantId: id, retailerId, removedAt: at }));
  }

  private run(participantId: string, facts: RequestFacts, build: (at: string) => ParticipantCommand): Promise<CommandResult> {
    return this.commands.execute(new ManageParticipantCommand(participantId, build, facts));
  }
}
