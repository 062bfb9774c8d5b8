import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Facts, type HttpCommandFacts as RequestFacts, HttpCommands, type HttpCommandResult as CommandResult } from '@handoff/commands';
import { Roles } from '@handoff/shared/auth';
import { DEFAULT_HUB_CYCLE_CAP, type ParticipantProfile } from '../../domain/participant/participant-profiles';
import type { ParticipantCommandData } from '../participant.handlings';
import { RegisterCollectiveRequestDto, RegisterCoordinatorRequestDto, RegisterCourierRequestDto, RegisterHubRequestDto, RegisterRetailerRequestDto } from './register-participant.request.dto';
import { engagementOf } from './courier-engagement';

/** Admins register the network's participants, one endpoint per kind (each with its own fields); participant.handlings.ts decides it. */
@ApiTags('participants')
@ApiBearerAuth()
@Controller()
@Roles('admin')
export class RegisterParticipantHttpController {
  constructor(private readonly commands: HttpCommands) {}

  @Post('retailers')
  retailer(@Body() body: RegisterRetailerRequestDto, @Facts() facts: RequestFacts): Promise<CommandResult> {
    return this.register(body.participantId, { kind: 'retailer', displayName: body.displayName }, facts);
  }

  @Post('coordinators')
  coordinator(@Body() body: RegisterCoordinatorRequestDto, @Facts() facts: RequestFacts): Promise<CommandResult> {
    return this.register(body.participantId, { kind: 'coordinator', displayName: body.displayName }, facts);
  }

  @Post('collectives')
  collective(@Body() body: RegisterCollectiveRequestDto, @Facts() facts: RequestFacts): Promise<CommandResult> {
    const { declaredValueThreshold: threshold, waiverRequired } = body.policy;
    const policy = { declaredValueThreshold: { amountMinor: threshold.amountMinor, currency: threshold.currency }, waiverRequired };
    return this.register(body.participantId, { kind: 'collective', displayName: body.displayName, memberRetailerIds: body.memberRetailerIds, policy }, facts);
  }

  @Post('hubs')
  hub(@Body() body: RegisterHubRequestDto, @Facts() facts: RequestFacts): Promise<CommandResult> {
    const { lines, locality, postalCode, countryCode } = body.address;
    const profile: ParticipantProfile = {
      kind: 'hub',
      displayName: body.displayName,
      address: { lines, locality, postalCode, countryCode },
      operatingCoordinatorId: body.operatingCoordinatorId,
      perCycleCap: body.perCycleCap ?? DEFAULT_HUB_CYCLE_CAP,
      ...(body.timeZone === undefined ? {} : { timeZone: body.timeZone }),
    };
    return this.register(body.participantId, profile, facts);
  }

  @Post('couriers')
  courier(@Body() body: RegisterCourierRequestDto, @Facts() facts: RequestFacts): Promise<CommandResult> {
    return this.register(body.participantId, { kind: 'courier', displayName: body.displayName, engagement: engagementOf(body.engagement), vetting: body.vetting }, facts);
  }

  private register(participantId: string | undefined, profile: ParticipantProfile, facts: RequestFacts): Promise<CommandResult> {
    const data: ParticipantCommandData<'RegisterParticipant'> = { participantId: participantId ?? `${profile.kind}-${crypto.randomUUID()}`, profile };
    return this.commands.issue(facts, 'RegisterParticipant', data);
  }
}
