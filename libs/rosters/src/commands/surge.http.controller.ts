import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { Facts, HttpCommands, type HttpCommandFacts, type HttpCommandResult } from '@handoff/commands';
import { ID_GENERATOR, type IdGenerator } from '@handoff/shared';
import { Roles } from '@handoff/shared/auth';
import { IdParam } from '@handoff/shared/http';
import type { ClaimSurgeOffer, DeclareSurgeWindow, DeclineSurgeOffer, OfferSurgeDelivery, RecordSurgeLapses, ReleaseSurgeDeliveryToGig } from './surge.handlings';
import { DECLARE_SURGE_EXAMPLE, DeclareSurgeWindowRequestDto, OFFER_SURGE_EXAMPLE, OfferSurgeDeliveryRequestDto, ReleaseSurgeDeliveryRequestDto } from './surge.request.dto';

/** Routes of surge first refusal: each maps a validated request to a command (surge.handlings.ts decides it). */
@ApiTags('rosters')
@ApiBearerAuth()
@Controller()
export class SurgeHttpController {
  constructor(
    private readonly commands: HttpCommands,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  /** The hub's coordinator (or an admin) declares a surge window with its first-refusal limit per block. */
  @Post('hubs/:hubId/surge-windows')
  @HttpCode(201)
  @Roles('coordinator', 'admin')
  @ApiBody({ type: DeclareSurgeWindowRequestDto, examples: { 'a Saturday morning surge': { value: DECLARE_SURGE_EXAMPLE } } })
  declare(@Param('hubId', IdParam) hubId: string, @Body() body: DeclareSurgeWindowRequestDto, @Facts() facts: HttpCommandFacts): Promise<HttpCommandResult> {
    const { from, until, offerLimitPerBlock, offerLapseMinutes } = body;
    return this.commands.issue<DeclareSurgeWindow>(facts, 'DeclareSurgeWindow', () =>
      Promise.resolve({
        windowId: body.windowId ?? this.ids.next(),
        hubId,
        from,
        until,
        ...(offerLimitPerBlock === undefined ? {} : { offerLimitPerBlock }),
        ...(offerLapseMinutes === undefined ? {} : { offerLapseMinutes }),
      }),
    );
  }

  /** Offers a paid delivery first to the volunteer who sorts its block now (from the roster). */
  @Post('surge-windows/:windowId/offers')
  @HttpCode(201)
  @Roles('coordinator', 'admin')
  @ApiBody({ type: OfferSurgeDeliveryRequestDto, examples: { 'a north-block parcel': { value: OFFER_SURGE_EXAMPLE } } })
  offer(@Param('windowId', IdParam) windowId: string, @Body() body: OfferSurgeDeliveryRequestDto, @Facts() facts: HttpCommandFacts): Promise<HttpCommandResult> {
    const { blockId, parcelId } = body;
    return this.commands.issue<OfferSurgeDelivery>(facts, 'OfferSurgeDelivery', () => Promise.resolve({ windowId, offerId: body.offerId ?? this.ids.next(), blockId, parcelId }));
  }

  /** The volunteer claims their own offer before it lapses. */
  @Post('surge-windows/:windowId/offers/:offerId/claim')
  @HttpCode(200)
  @Roles('courier')
  claim(@Param('windowId', IdParam) windowId: string, @Param('offerId', IdParam) offerId: string, @Facts() facts: HttpCommandFacts): Promise<HttpCommandResult> {
    return this.commands.issue<ClaimSurgeOffer>(facts, 'ClaimSurgeOffer', { windowId, offerId });
  }

  /** The volunteer declines their own offer: the delivery may then go to gig drivers. */
  @Post('surge-windows/:windowId/offers/:offerId/decline')
  @HttpCode(200)
  @Roles('courier')
  decline(@Param('windowId', IdParam) windowId: string, @Param('offerId', IdParam) offerId: string, @Facts() facts: HttpCommandFacts): Promise<HttpCommandResult> {
    return this.commands.issue<DeclineSurgeOffer>(facts, 'DeclineSurgeOffer', { windowId, offerId });
  }

  /** Records every lapse due by now (any other accepted command on the window does it too). */
  @Post('surge-windows/:windowId/lapses')
  @HttpCode(200)
  @Roles('coordinator', 'admin')
  lapses(@Param('windowId', IdParam) windowId: string, @Facts() facts: HttpCommandFacts): Promise<HttpCommandResult> {
    return this.commands.issue<RecordSurgeLapses>(facts, 'RecordSurgeLapses', { windowId });
  }

  /** Releases a delivery to gig drivers: after its volunteer declined or the offer lapsed, or when its block has no sorter or no offers left. */
  @Post('surge-windows/:windowId/gig-releases')
  @HttpCode(201)
  @Roles('coordinator', 'admin')
  release(@Param('windowId', IdParam) windowId: string, @Body() body: ReleaseSurgeDeliveryRequestDto, @Facts() facts: HttpCommandFacts): Promise<HttpCommandResult> {
    return this.commands.issue<ReleaseSurgeDeliveryToGig>(facts, 'ReleaseSurgeDeliveryToGig', { windowId, blockId: body.blockId, parcelId: body.parcelId });
  }
}
