import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ReadsProjections } from '@handoff/projections';
import { AuthenticatedActor, CurrentActor, Roles } from '@handoff/shared/auth';
import { RequestValidationError } from '@handoff/shared/http';
import { IdParam } from '../../commands/shared/id-param.pipe';
import { CUSTODY_CHAIN_EXAMPLE } from '../custody-chain/custody-chain.example';
import { custodyChainProjection } from '../custody-chain/custody-chain.projection';
import { CustodyQueries, InvalidPageCursorError } from '../custody-queries';
import type { JsonPage } from '../parcel-board/parcel-board.list-item';
import { hubLoadProjection } from '../hub-load/hub-load.projection';
import { parcelBoardProjection } from '../parcel-board/parcel-board.projection';
import { CustodyChainQueryDto, HubLoadQueryDto, ListParcelsQueryDto, PageQueryDto, ReadYourWritesQueryDto } from './custody-queries.request.dto';

const BOARD = parcelBoardProjection.name;
const CHAIN = custodyChainProjection.name;

/**
 * The custody questions over HTTP. Every endpoint reads projections, so each honours
 * read-your-writes: pass a command's `x-handoff-position` (header or `?position=`) and the answer
 * waits until the read models have it (503 with the lag if they do not in time).
 */
@ApiTags('custody queries')
@ApiBearerAuth()
@Controller()
export class CustodyQueriesHttpController {
  constructor(private readonly queries: CustodyQueries) {}

  /** Parcels the caller may see, filtered, oldest registration first, a page at a time. */
  @Get('parcels')
  @Roles('admin', 'coordinator', 'courier', 'retailer', 'insurer', 'auditor')
  @ReadsProjections(BOARD)
  listParcels(@Query() query: ListParcelsQueryDto, @CurrentActor() actor: AuthenticatedActor, @Res({ passthrough: true }) reply: JsonReply) {
    const { limit, after, position: _position, ...filter } = query;
    return pageOrBadCursor(reply, () => this.queries.parcels(actor, filter, { limit, after }));
  }

  /** Parcels someone has held for more than 24 hours right now, longest held first. */
  @Get('parcels/held-over-24h')
  @Roles('admin', 'coordinator', 'retailer', 'insurer', 'auditor')
  @ReadsProjections(BOARD)
  longHolds(@Query() query: PageQueryDto, @CurrentActor() actor: AuthenticatedActor, @Res({ passthrough: true }) reply: JsonReply) {
    return pageOrBadCursor(reply, () => this.queries.longHolds(actor, { limit: query.limit, after: query.after }));
  }

  /** A parcel's current state: status, holder and since when, open offer, flags, recipient (if the caller may see it). */
  @Get('parcels/:parcelId')
  @Roles('admin', 'coordinator', 'courier', 'retailer', 'insurer', 'auditor')
  @ReadsProjections(BOARD)
  parcel(@Param('parcelId', IdParam) parcelId: string, @Query() _query: ReadYourWritesQueryDto, @CurrentActor() actor: AuthenticatedActor) {
    return this.queries.parcel(actor, parcelId);
  }

  /** Holder-by-holder custody segments with gaps and flags, now or `?asOf=` any past instant; each segment with the waiver in effect when its holder took custody. */
  @Get('parcels/:parcelId/custody-chain')
  @ApiOkResponse({
    description: "The chain; each segment's `waiver` is the one its holder's accepted handoff recorded (null: none recorded; terms null: recorded before ParcelHandoffAccepted v2).",
    content: { 'application/json': { examples: { "a damaged parcel in a covered courier's hands": { value: CUSTODY_CHAIN_EXAMPLE } } } },
  })
  @Roles('admin', 'coordinator', 'courier', 'retailer', 'insurer', 'auditor')
  @ReadsProjections(BOARD, CHAIN)
  custodyChain(@Param('parcelId', IdParam) parcelId: string, @Query() query: CustodyChainQueryDto, @CurrentActor() actor: AuthenticatedActor) {
    return this.queries.custodyChain(actor, parcelId, query.asOf);
  }

  /** A hub's cycles, newest first: intake against the cap, parcels over it, when it overflowed. */
  @Get('hubs/:hubId/load')
  @Roles('admin', 'coordinator', 'insurer', 'auditor')
  @ReadsProjections(hubLoadProjection.name)
  async hubLoad(@Param('hubId', IdParam) hubId: string, @Query() query: HubLoadQueryDto, @CurrentActor() actor: AuthenticatedActor) {
    return { hubId, cycles: await this.queries.hubLoad(actor, hubId, query.limit) };
  }
}

/** The reply, as far as a page needs it. */
interface JsonReply {
  header(name: string, value: string): unknown;
}

/**
 * A page answered as the JSON text it already is (its items are stored as JSON): the content type
 * set here, so Fastify sends the string as it is instead of serialising an object.
 */
async function pageOrBadCursor(reply: JsonReply, read: () => Promise<JsonPage>): Promise<string> {
  try {
    const page = await read();
    reply.header('content-type', 'application/json; charset=utf-8');
    return page.toJson();
  } catch (error) {
    if (error instanceof InvalidPageCursorError) throw new RequestValidationError([{ field: 'after', message: error.message }]);
    throw error;
  }
}
