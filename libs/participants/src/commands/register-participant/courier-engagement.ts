import type { CourierEngagement } from '../../domain/participant/participant-profiles';
import type { CourierEngagementDto } from './register-participant.request.dto';

export const engagementOf = (dto: CourierEngagementDto): CourierEngagement => (dto.kind === 'gig' ? { kind: 'gig', platform: dto.platform ?? '' } : { kind: dto.kind });
