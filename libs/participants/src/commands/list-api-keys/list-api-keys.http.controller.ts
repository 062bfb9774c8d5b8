import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiKeyStore, type ApiKeyView, type AuthenticatedActor, CurrentActor, ROLES, Roles } from '@handoff/shared/auth';
import { ListApiKeysQueryDto } from './list-api-keys.request.dto';

const DEFAULT_KEYS_PAGE = 50;

/** Keys as records (id, grant, issue, expiry, revocation, rotation): never a secret or its hash. */
@ApiTags('identity')
@ApiBearerAuth()
@Controller('api-keys')
export class ListApiKeysHttpController {
  constructor(private readonly keys: ApiKeyStore) {}

  /** Every key, or a participant's, by status; in key id order, `next` for the following page. */
  @Get()
  @Roles('admin')
  list(@Query() query: ListApiKeysQueryDto): Promise<{ keys: ApiKeyView[]; next?: string }> {
    const { limit = DEFAULT_KEYS_PAGE, after, ...filter } = query;
    return this.keys.list(filter, { limit, ...(after !== undefined ? { after } : {}) });
  }

  /** The key the caller presents: its id and when it expires (to rotate it in time). */
  @Get('current')
  @Roles(...ROLES)
  current(@CurrentActor() actor: AuthenticatedActor): Promise<ApiKeyView> {
    return this.keys.findManageable(actor.keyId, actor);
  }
}
