import { IsOptional } from 'class-validator';
import { CommandRequestDto, IsId } from '../shared/request.dto';

export class OpenHubCycleRequestDto extends CommandRequestDto {
  /** Optional: the cycle id to use; generated when absent. */
  @IsOptional() @IsId() cycleId?: string;
}

export class CloseHubCycleRequestDto extends CommandRequestDto {}
