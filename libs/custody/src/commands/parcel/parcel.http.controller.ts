import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { HttpCommands, type HttpCommandResult, Facts, type HttpCommandFacts } from '@handoff/commands';
import { ID_GENERATOR, type IdGenerator } from '@handoff/shared';
import { Roles } from '@handoff/shared/auth';
import { IdParam } from '../shared/id-param.pipe';
import type { DeliverParcel, RecordFailedDelivery, RegisterParcel, ReportParcelIncident, ReturnParcelToDepot, ReturnParcelToSender, SortParcel } from './parcel.handlings';
import { ParcelPersonalData } from './parcel-personal-data';
import {
  DeliverParcelRequestDto,
  RecordFailedDeliveryRequestDto,
  RegisterParcelRequestDto,
  ReportParcelIncidentRequestDto,
  ReturnParcelToDepotRequestDto,
  ReturnParcelToSenderRequestDto,
  SortParcelRequestDto,
} from './parcel.request.dto';

/**
 * Routes of a parcel's own commands: each maps a validated request to a command (parcel.handlings.ts
 * decides it). Personal data is sealed and new ids are generated here, before the command exists.
 */
@ApiTags('parcels')
@ApiBearerAuth()
@Controller('parcels')
export class ParcelHttpController {
  constructor(
    private readonly commands: HttpCommands,
    private readonly personalData: ParcelPersonalData,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  /** A retailer hands a parcel to the network: 201 with the parcel id and the recipient's data-subject id. */
  @Post()
  @Roles('retailer')
  register(@Body() body: RegisterParcelRequestDto, @Facts() facts: HttpCommandFacts): Promise<HttpCommandResult> {
    return this.commands.issue<RegisterParcel>(facts, 'RegisterParcel', async () => {
      const { externalReference, collectiveId, declaredValue, categories, destinationHubId } = body;
      const parcelId = body.parcelId ?? this.ids.next();
      const recipient = await this.personalData.recipient(parcelId, body.recipient);
      return { parcelId, externalReference, collectiveId, declaredValue: { amountMinor: declaredValue.amountMinor, currency: declaredValue.currency }, categories, destinationHubId, recipient };
    });
  }

  /** The holding hub sorts a parcel into a tote and a route. */
  @Post(':parcelId/sort')
  @HttpCode(200)
  @Roles('coordinator')
  sortParcel(@Param('parcelId', IdParam) parcelId: string, @Body() body: SortParcelRequestDto, @Facts() facts: HttpCommandFacts): Promise<HttpCommandResult> {
    return this.commands.issue<SortParcel>(facts, 'SortParcel', { parcelId, toteId: body.toteId, routeId: body.routeId });
  }

  /** The recipient was away: the courier fills in the card (I accept / leave with a neighbour / return to depot on a date). */
  @Post(':parcelId/delivery-attempts')
  @HttpCode(201)
  @Roles('courier')
  recordFailedDelivery(@Param('parcelId', IdParam) parcelId: string, @Body() body: RecordFailedDeliveryRequestDto, @Facts() facts: HttpCommandFacts): Promise<HttpCommandResult> {
    const attemptId = body.attemptId ?? this.ids.next();
    return this.commands.issue<RecordFailedDelivery>(facts, 'RecordFailedDelivery', async () => ({
      parcelId,
      attemptId,
      reason: body.reason,
      card: await this.personalData.card(body.card),
      geo: { ...body.geo },
    }));
  }

  /** The holding courier hands the parcel to the recipient (or a neighbour, whose details are sealed), with proof. */
  @Post(':parcelId/delivery')
  @HttpCode(200)
  @Roles('courier')
  deliverParcel(@Param('parcelId', IdParam) parcelId: string, @Body() body: DeliverParcelRequestDto, @Facts() facts: HttpCommandFacts): Promise<HttpCommandResult> {
    return this.commands.issue<DeliverParcel>(facts, 'DeliverParcel', async () => ({
      parcelId,
      receivedBy: await this.personalData.receiver(body.receivedBy),
      evidence: body.evidence,
      geo: { ...body.geo },
    }));
  }

  /** The depot hub takes a parcel back from whoever holds it. */
  @Post(':parcelId/return-to-depot')
  @HttpCode(200)
  @Roles('coordinator')
  returnParcelToDepot(@Param('parcelId', IdParam) parcelId: string, @Body() body: ReturnParcelToDepotRequestDto, @Facts() facts: HttpCommandFacts): Promise<HttpCommandResult> {
    return this.commands.issue<ReturnParcelToDepot>(facts, 'ReturnParcelToDepot', { parcelId, condition: { ...body.condition } });
  }

  /** The holding depot sends the parcel back to its retailer; custody ends. */
  @Post(':parcelId/return-to-sender')
  @HttpCode(200)
  @Roles('coordinator')
  returnParcelToSender(@Param('parcelId', IdParam) parcelId: string, @Body() body: ReturnParcelToSenderRequestDto, @Facts() facts: HttpCommandFacts): Promise<HttpCommandResult> {
    return this.commands.issue<ReturnParcelToSender>(facts, 'ReturnParcelToSender', { parcelId, condition: { ...body.condition } });
  }

  /** The holder (or, once closed, the last holder or the retailer) reports damage, loss or theft. */
  @Post(':parcelId/incidents')
  @HttpCode(201)
  @Roles('retailer', 'coordinator', 'courier')
  reportParcelIncident(@Param('parcelId', IdParam) parcelId: string, @Body() body: ReportParcelIncidentRequestDto, @Facts() facts: HttpCommandFacts): Promise<HttpCommandResult> {
    const { incident, discoveredAt, description, evidence } = body;
    return this.commands.issue<ReportParcelIncident>(facts, 'ReportParcelIncident', { parcelId, reportId: body.reportId ?? this.ids.next(), incident, discoveredAt, description, evidence });
  }
}
