import { IsIn, IsOptional } from 'class-validator';
import { ROLES, type Role } from '@handoff/shared/auth';
import { IsId } from '@handoff/shared/http';
import { ApiKeyLifetimeRequestDto } from './api-key-lifetime.request.dto';

export class IssueApiKeyRequestDto extends ApiKeyLifetimeRequestDto {
  @IsIn(ROLES) role!: Role;
  /** The participant the key acts as (courier, retailer, coordinator), or a name for admins, insurers and auditors. */
  @IsId() participantId!: string;
  /** Coordinators only: the hub they run (checked against the hub's operating coordinator). */
  @IsOptional() @IsId() hubId?: string;
}
