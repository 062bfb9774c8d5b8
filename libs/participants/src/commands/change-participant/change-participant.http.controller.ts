import { Body, Controller, Delete, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Facts, type HttpCommandFacts as RequestFacts, HttpCommands, type HttpCommandResult as CommandResult } from '@handoff/commands';
import { Roles } from '@handoff/shared/auth';
import { IdParam } from '@handoff/shared/http';
import type { ParticipantCommand } from '../../domain/participant/participant.commands';
import type { ParticipantCommandData } from '../participant.handlings';
import { engagementOf } from '../register-participant/courier-engagement';
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

/** Admins update and suspend participants; a change to the current value records nothing. participant.handlings.ts decides each. */
@ApiTags('participants')
@ApiBearerAuth()
@Controller()
@Roles('admin')
export class ChangeParticipantHttpController {
  constructor(private readonly commands: HttpCommands) {}

  @Post('participants/:participantId/rename')
  @HttpCode(200)
  rename(@Param('participantId', IdParam) id: string, @Body() body: RenameParticipantRequestDto, @Facts() facts: RequestFacts) {
    return this.run(facts, 'RenameParticipant', { participantId: id, displayName: body.displayName });
  }

  @Post('participants/:participantId/suspend')
  @HttpCode(200)
  suspend(@Param('participantId', IdParam) id: string, @Body() body: SuspendParticipantRequestDto, @Facts() facts: RequestFacts) {
    return this.run(facts, 'SuspendParticipant', { participantId: id, reason: body.reason });
  }

  @Post('participants/:participantId/reinstate')
  @HttpCode(200)
  reinstate(@Param('participantId', IdParam) id: string, @Body() _body: ReinstateParticipantRequestDto, @Facts() facts: RequestFacts) {
    return this.run(facts, 'ReinstateParticipant', { participantId: id });
  }

  @Put('hubs/:participantId/address')
  hubAddress(@Param('participantId', IdParam) id: string, @Body() body: ChangeHubAddressRequestDto, @Facts() facts: RequestFacts) {
    const { lines, locality, postalCode, countryCode } = body.address;
    return this.run(facts, 'ChangeHubAddress', { participantId: id, address: { lines, locality, postalCode, countryCode } });
  }

  @Put('hubs/:participantId/coordinator')
  hubCoordinator(@Param('participantId', IdParam) id: string, @Body() body: AssignHubCoordinatorRequestDto, @Facts() facts: RequestFacts) {
    return this.run(facts, 'AssignHubCoordinator', { participantId: id, coordinatorId: body.coordinatorId });
  }

  @Put('hubs/:participantId/cycle-cap')
  hubCycleCap(@Param('participantId', IdParam) id: string, @Body() body: ChangeHubCycleCapRequestDto, @Facts() facts: RequestFacts) {
    return this.run(facts, 'ChangeHubCycleCap', { participantId: id, perCycleCap: body.perCycleCap });
  }

  @Put('couriers/:participantId/engagement')
  courierEngagement(@Param('participantId', IdParam) id: string, @Body() body: ChangeCourierEngagementRequestDto, @Facts() facts: RequestFacts) {
    return this.run(facts, 'ChangeCourierEngagement', { participantId: id, engagement: engagementOf(body.engagement) });
  }

  @Put('couriers/:participantId/vetting')
  courierVetting(@Param('participantId', IdParam) id: string, @Body() body: ChangeCourierVettingRequestDto, @Facts() facts: RequestFacts) {
    return this.run(facts, 'ChangeCourierVetting', { participantId: id, vetting: body.vetting });
  }

  @Put('collectives/:participantId/policy')
  collectivePolicy(@Param('participantId', IdParam) id: string, @Body() body: ChangeCollectivePolicyRequestDto, @Facts() facts: RequestFacts) {
    const { declaredValueThreshold: threshold, waiverRequired } = body.policy;
    const policy = { declaredValueThreshold: { amountMinor: threshold.amountMinor, currency: threshold.currency }, waiverRequired };
    return this.run(facts, 'ChangeCollectivePolicy', { participantId: id, policy });
  }

  @Post('collectives/:participantId/members')
  @HttpCode(200)
  admitMember(@Param('participantId', IdParam) id: string, @Body() body: AdmitCollectiveMemberRequestDto, @Facts() facts: RequestFacts) {
    return this.run(facts, 'AdmitCollectiveMember', { participantId: id, retailerId: body.retailerId });
  }

  @Delete('collectives/:participantId/members/:retailerId')
  removeMember(@Param('participantId', IdParam) id: string, @Param('retailerId', IdParam) retailerId: string, @Facts() facts: RequestFacts) {
    return this.run(facts, 'RemoveCollectiveMember', { participantId: id, retailerId });
  }

  private run<Type extends ParticipantCommand['type']>(facts: RequestFacts, type: Type, data: ParticipantCommandData<Type>): Promise<CommandResult> {
    return this.commands.issue(facts, type, data);
  }
}
