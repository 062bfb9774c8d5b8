import { IsIn, IsOptional } from 'class-validator';
import { CommandRequestDto, GeoPointDto, IsEvidenceHashes, Nested, PersonDto } from '../shared/request.dto';

export class DeliveryReceiverDto {
  @IsIn(['recipient', 'neighbour']) kind!: 'recipient' | 'neighbour';
  /** Required for a neighbour: sealed under a new data subject. */
  @IsOptional() @Nested(() => PersonDto) neighbour?: PersonDto;
}

export class DeliverParcelRequestDto extends CommandRequestDto {
  @Nested(() => DeliveryReceiverDto) receivedBy!: DeliveryReceiverDto;
  @IsEvidenceHashes() evidence!: string[];
  @Nested(() => GeoPointDto) geo!: GeoPointDto;
}
