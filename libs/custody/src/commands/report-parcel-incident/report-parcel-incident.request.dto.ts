import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { CommandRequestDto, IsEvidenceHashes, IsId, IsUtcInstant } from '../shared/request.dto';

export class ReportParcelIncidentRequestDto extends CommandRequestDto {
  @IsOptional() @IsId() reportId?: string;
  @IsIn(['damaged', 'lost', 'stolen']) incident!: 'damaged' | 'lost' | 'stolen';
  @IsUtcInstant() discoveredAt!: string;
  @IsString() @Length(1, 2000) description!: string;
  @IsEvidenceHashes() evidence!: string[];
}
