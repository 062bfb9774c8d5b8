import { Body, Controller, HttpCode, Inject, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { Facts, HttpCommands, type HttpCommandFacts, type HttpCommandResult } from '@handoff/commands';
import { ID_GENERATOR, type IdGenerator } from '@handoff/shared';
import { Roles } from '@handoff/shared/auth';
import { IdParam } from '@handoff/shared/http';
import type { PublishWaiverTemplateVersion, RetireWaiverTemplateVersion, RevokeWaiver, SignWaiver } from './waiver.handlings';
import { PUBLISH_EXAMPLE, PublishWaiverTemplateVersionRequestDto, RetireWaiverTemplateVersionRequestDto, RevokeWaiverRequestDto, SIGN_EXAMPLE, SignWaiverRequestDto } from './waiver.request.dto';

const VersionParam = new ParseIntPipe({ errorHttpStatusCode: 400 });

/** Routes of the waiver commands: each maps a validated request to a command (waiver.handlings.ts decides it). */
@ApiTags('waivers')
@ApiBearerAuth()
@Controller()
export class WaiversHttpController {
  constructor(
    private readonly commands: HttpCommands,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  /** An admin publishes the next version of a template (never an edit: new terms are the next version). Only the text's SHA-256 is recorded. */
  @Post('waiver-templates/:templateId/versions')
  @HttpCode(201)
  @Roles('admin')
  @ApiBody({ type: PublishWaiverTemplateVersionRequestDto, examples: { 'courier waiver, $200 cap': { value: PUBLISH_EXAMPLE } } })
  publish(@Param('templateId', IdParam) templateId: string, @Body() body: PublishWaiverTemplateVersionRequestDto, @Facts() facts: HttpCommandFacts): Promise<HttpCommandResult> {
    const { grossNegligenceClause: clause, liabilityCap, participantKinds, parcelCategories, ...terms } = body;
    return this.commands.issue<PublishWaiverTemplateVersion>(facts, 'PublishWaiverTemplateVersion', {
      ...terms,
      templateId,
      liabilityCap: { amountMinor: liabilityCap.amountMinor, currency: liabilityCap.currency },
      grossNegligenceClause: clause.included ? { included: true, clauseTextHash: clause.clauseTextHash! } : { included: false },
      participantKinds: [...participantKinds],
      parcelCategories: parcelCategories === 'any' ? 'any' : [...parcelCategories],
    });
  }

  /** An admin withdraws a version: it takes no new signature, and its signatures stop covering now. */
  @Post('waiver-templates/:templateId/versions/:version/retire')
  @HttpCode(200)
  @Roles('admin')
  retire(
    @Param('templateId', IdParam) templateId: string,
    @Param('version', VersionParam) version: number,
    @Body() body: RetireWaiverTemplateVersionRequestDto,
    @Facts() facts: HttpCommandFacts,
  ): Promise<HttpCommandResult> {
    return this.commands.issue<RetireWaiverTemplateVersion>(facts, 'RetireWaiverTemplateVersion', { templateId, version, reason: body.reason });
  }

  /** A courier signs their own waiver; an admin records a paper one (and only an admin may backdate it). */
  @Post('participants/:participantId/waivers')
  @HttpCode(201)
  @Roles('courier', 'admin')
  @ApiBody({ type: SignWaiverRequestDto, examples: { 'a courier signs version 1': { value: SIGN_EXAMPLE } } })
  sign(@Param('participantId', IdParam) participantId: string, @Body() body: SignWaiverRequestDto, @Facts() facts: HttpCommandFacts): Promise<HttpCommandResult> {
    const { templateId, version, signatureEvidence, expiresAt } = body;
    return this.commands.issue<SignWaiver>(facts, 'SignWaiver', { participantId, waiverId: body.waiverId ?? this.ids.next(), templateId, version, signatureEvidence, expiresAt });
  }

  /** The participant or an admin revokes a signature; it stops covering now. */
  @Post('participants/:participantId/waivers/:waiverId/revoke')
  @HttpCode(200)
  @Roles('courier', 'admin')
  revoke(
    @Param('participantId', IdParam) participantId: string,
    @Param('waiverId', IdParam) waiverId: string,
    @Body() body: RevokeWaiverRequestDto,
    @Facts() facts: HttpCommandFacts,
  ): Promise<HttpCommandResult> {
    return this.commands.issue<RevokeWaiver>(facts, 'RevokeWaiver', { participantId, waiverId, reason: body.reason });
  }
}
