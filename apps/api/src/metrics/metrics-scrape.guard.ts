import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { HANDOFF_CONFIG, HandoffConfig } from '@handoff/shared';
import { ApiKeyStore, presentedKey } from '@handoff/shared/auth';

/**
 * Who may read `/metrics`: a Prometheus server presenting `METRICS_TOKEN` as its bearer token
 * (a credential that can do nothing else), or an admin API key. Metrics carry no personal data,
 * but they tell how busy each hub is and which refusals callers meet: not public.
 */
@Injectable()
export class MetricsScrapeGuard implements CanActivate {
  private readonly token?: Buffer;

  constructor(
    @Inject(HANDOFF_CONFIG) config: HandoffConfig,
    @Inject(ApiKeyStore) private readonly keys: ApiKeyStore,
  ) {
    this.token = config.metricsToken ? digest(config.metricsToken) : undefined;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const presented = presentedKey(context.switchToHttp().getRequest().headers);
    if (!presented) throw new UnauthorizedException({ code: 'AUTH.API_KEY_REQUIRED', message: 'Send the metrics token or an admin API key as "Authorization: Bearer <token>".' });
    // Digests of equal length, so the comparison takes the same time whatever was sent.
    if (this.token && timingSafeEqual(digest(presented), this.token)) return true;
    const authentication = await this.keys.authenticate(presented);
    // A revoked or expired admin key opens nothing here either; which one it was is the guard's to say elsewhere.
    if ('refused' in authentication) throw new UnauthorizedException({ code: 'AUTH.API_KEY_UNKNOWN', message: 'Neither the metrics token nor a usable API key.' });
    const { actor } = authentication;
    if (actor.role !== 'admin') throw new ForbiddenException({ code: 'AUTH.ROLE_NOT_ALLOWED', message: `A ${actor.role} may not read metrics (allowed: admin, or the metrics token).` });
    return true;
  }
}

const digest = (secret: string): Buffer => createHash('sha256').update(secret, 'utf8').digest();
