import { CommandRequestDto, ConditionDto, GeoPointDto, IsEvidenceHashes, IsUtcInstant, Nested } from '../shared/request.dto';

export class AcceptHandoffRequestDto extends CommandRequestDto {
  @Nested(() => ConditionDto) condition!: ConditionDto;
  @IsEvidenceHashes() evidence!: string[];
  @Nested(() => GeoPointDto) geo!: GeoPointDto;
  /** The device's own clock at acceptance (kept as evidence; may disagree with ours). */
  @IsUtcInstant() deviceTime!: string;
}
