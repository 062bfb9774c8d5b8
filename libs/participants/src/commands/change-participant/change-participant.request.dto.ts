import { IsIn, IsInt, IsString, Length, Max, Min } from 'class-validator';
import { CollectivePolicyDto, CourierEngagementDto } from '../register-participant/register-participant.request.dto';
import { CommandRequestDto, IsId, Nested, PostalAddressDto } from '@handoff/shared/http';

export class RenameParticipantRequestDto extends CommandRequestDto {
  @IsString() @Length(1, 200) displayName!: string;
}
export class ChangeHubAddressRequestDto extends CommandRequestDto {
  @Nested(() => PostalAddressDto) address!: PostalAddressDto;
}
export class AssignHubCoordinatorRequestDto extends CommandRequestDto {
  @IsId() coordinatorId!: string;
}
export class ChangeHubCycleCapRequestDto extends CommandRequestDto {
  @IsInt() @Min(1) @Max(100_000) perCycleCap!: number;
}
export class ChangeCourierEngagementRequestDto extends CommandRequestDto {
  @Nested(() => CourierEngagementDto) engagement!: CourierEngagementDto;
}
export class ChangeCourierVettingRequestDto extends CommandRequestDto {
  @IsIn(['unvetted', 'vetted']) vetting!: 'unvetted' | 'vetted';
}
export class ChangeCollectivePolicyRequestDto extends CommandRequestDto {
  @Nested(() => CollectivePolicyDto) policy!: CollectivePolicyDto;
}
export class AdmitCollectiveMemberRequestDto extends CommandRequestDto {
  @IsId() retailerId!: string;
}
export class SuspendParticipantRequestDto extends CommandRequestDto {
  @IsString() @Length(1, 500) reason!: string;
}
export class ReinstateParticipantRequestDto extends CommandRequestDto {}
