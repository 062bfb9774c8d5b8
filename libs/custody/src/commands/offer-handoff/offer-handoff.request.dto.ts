import { IsIn, IsOptional } from 'class-validator';
import { CommandRequestDto, IsId, Nested } from '../shared/request.dto';

export class PartyDto {
  @IsIn(['courier', 'hub']) kind!: 'courier' | 'hub';
  @IsId() id!: string;
}

export class OfferHandoffRequestDto extends CommandRequestDto {
  /** Optional: the handoff id to use (a retry with it is recognised); generated when absent. */
  @IsOptional() @IsId() handoffId?: string;
  @Nested(() => PartyDto) to!: PartyDto;
}
