import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { CommandRequestDto, ConditionDto, GeoPointDto, IsEvidenceHashes, IsId, IsUtcInstant, Nested } from '../shared/request.dto';

export class PartyDto {
  @IsIn(['courier', 'hub']) kind!: 'courier' | 'hub';
  @IsId() id!: string;
}

export class OfferHandoffRequestDto extends CommandRequestDto {
  /** Optional: the handoff id to use (a retry with it is recognised); generated when absent. */
  @IsOptional() @IsId() handoffId?: string;
  @Nested(() => PartyDto) to!: PartyDto;
}

export class AcceptHandoffRequestDto extends CommandRequestDto {
  @Nested(() => ConditionDto) condition!: ConditionDto;
  @IsEvidenceHashes() evidence!: string[];
  @Nested(() => GeoPointDto) geo!: GeoPointDto;
  /** The device's own clock at acceptance (kept as evidence; may disagree with ours). */
  @IsUtcInstant() deviceTime!: string;
}

export class DeclineHandoffRequestDto extends CommandRequestDto {
  @IsString() @Length(1, 500) reason!: string;
}

export class WithdrawHandoffRequestDto extends CommandRequestDto {
  @IsString() @Length(1, 500) reason!: string;
}
