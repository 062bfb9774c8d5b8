import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { IsUtcInstant } from '@handoff/shared/http';
import { ID_PATTERN, ID_RULE } from '../../commands/shared/id-param.pipe';
import type { ParcelListFilter } from '../custody-queries';
import { MAX_PAGE } from '../custody-queries';
import type { BoardStatus, ParcelFlag } from '../parcel-board/parcel-board.projection';

const STATUSES: BoardStatus[] = ['registered', 'at-hub', 'with-courier', 'with-neighbour', 'delivered', 'returned-to-sender', 'lost'];
const FLAGS: ParcelFlag[] = ['over-cap', 'declined-offer', 'damaged', 'lost', 'stolen', 'failed-attempt'];

/** Every query accepts the `$all` position a command answered with (read-your-writes). */
export class ReadYourWritesQueryDto {
  /** Wait until the read models have passed this position (from a command's `x-handoff-position`). */
  @IsOptional()
  @IsString()
  position?: string;
}

export class PageQueryDto extends ReadYourWritesQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  limit?: number;

  /** The `next` cursor of the previous page. */
  @IsOptional()
  @IsString()
  after?: string;
}

export class ListParcelsQueryDto extends PageQueryDto implements ParcelListFilter {
  @IsOptional()
  @Matches(ID_PATTERN, { message: `hubId ${ID_RULE}` })
  hubId?: string;

  /** `kind:id`, e.g. `courier:runner-ana`. */
  @IsOptional()
  @Matches(/^(retailer|hub|courier|neighbour):[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/, { message: 'holder must be kind:id, kind one of retailer, hub, courier, neighbour' })
  holder?: string;

  @IsOptional()
  @IsIn(STATUSES)
  status?: BoardStatus;

  @IsOptional()
  @Matches(ID_PATTERN, { message: `retailerId ${ID_RULE}` })
  retailerId?: string;

  @IsOptional()
  @IsIn(FLAGS)
  flag?: ParcelFlag;
}

export class CustodyChainQueryDto extends ReadYourWritesQueryDto {
  /** The chain as it stood at this instant (UTC, e.g. 2025-03-04T09:30:00Z); default now. */
  @IsOptional()
  @IsUtcInstant()
  asOf?: string;
}

export class HubLoadQueryDto extends ReadYourWritesQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  limit?: number;
}
