import { CommandRequestDto, IsId } from '../shared/request.dto';

export class SortParcelRequestDto extends CommandRequestDto {
  @IsId() toteId!: string;
  @IsId() routeId!: string;
}
