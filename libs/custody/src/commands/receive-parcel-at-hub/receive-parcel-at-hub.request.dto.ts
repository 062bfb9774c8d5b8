import { IsOptional } from 'class-validator';
import { CommandRequestDto, ConditionDto, IsId, Nested } from '../shared/request.dto';

export class ReceiveParcelAtHubRequestDto extends CommandRequestDto {
  @Nested(() => ConditionDto) condition!: ConditionDto;
  /** The hub's open cycle this intake counts against (soft cap: over it is flagged, never refused). */
  @IsOptional() @IsId() cycleId?: string;
}
