import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, Matches, ValidateIf, ValidateNested } from 'class-validator';
import { IsId, IsUtcInstant } from '@handoff/shared/http';
import { SHIFT_CHANGE_REASONS, type ShiftChangeReason } from '../domain/shift/shift.events';

const WORD = /^[a-z0-9][a-z0-9-]{0,39}$/;
const word = (examples: string) => Matches(WORD, { message: `$property must be a lowercase word (${examples})` });

/** A shift's terms: who, which role and block, `[startsAt, endsAt)`. */
export class ShiftTermsDto {
  @IsId() participantId!: string;
  @word('sorter, runner, intake') role!: string;
  /** The block a sorter sorts (required for `sorter`); null or absent for roles with none. */
  @IsOptional() @word('b-north') blockId?: string | null;
  @IsUtcInstant() startsAt!: string;
  @IsUtcInstant() endsAt!: string;
}

export class RosterShiftDto extends ShiftTermsDto {
  /** Optional: the shift's id (a retry with it is recognised); generated when absent. */
  @IsOptional() @IsId() shiftId?: string;
}

export class PublishRosterShiftsRequestDto {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => RosterShiftDto) shifts!: RosterShiftDto[];
}

export class ChangeRosterShiftRequestDto extends ShiftTermsDto {
  /** Why, from a fixed list: never free text about a person. */
  @IsIn(SHIFT_CHANGE_REASONS) reason!: ShiftChangeReason;
}

export class CancelRosterShiftRequestDto {
  @IsIn(SHIFT_CHANGE_REASONS) reason!: ShiftChangeReason;
}

const WORK_KINDS = ['volunteer', 'hourly', 'courier'] as const;

/** What kind of work: a volunteer's rostered shift, an hourly role (with its role), or a courier's loop or shift (with its route, if any). */
export class ShiftWorkDto {
  @IsIn(WORK_KINDS) kind!: (typeof WORK_KINDS)[number];
  @ValidateIf((work: ShiftWorkDto) => work.kind === 'hourly') @word('dispatcher') role?: string;
  @ValidateIf((work: ShiftWorkDto) => work.kind === 'courier') @IsIn(['loop', 'shift']) run?: 'loop' | 'shift';
  @IsOptional() @IsId() routeId?: string | null;
}

export class RecordShiftWorkedRequestDto {
  /** A volunteer's rostered shift's id; for other work, optional (generated when absent). */
  @IsOptional() @IsId() shiftId?: string;
  @IsId() participantId!: string;
  @ValidateNested() @Type(() => ShiftWorkDto) work!: ShiftWorkDto;
  /** Stated: when the shift began and ended (judged against the server's clock). */
  @IsUtcInstant() startedAt!: string;
  @IsUtcInstant() endedAt!: string;
}

/** Ana sorts the north block on a Saturday morning, published more than 6 days ahead. */
export const PUBLISH_ROSTER_EXAMPLE: PublishRosterShiftsRequestDto = {
  shifts: [{ shiftId: 'sat-north-am', participantId: 'vol-ana', role: 'sorter', blockId: 'b-north', startsAt: '2025-03-15T08:00:00Z', endsAt: '2025-03-15T12:00:00Z' }],
};

export const CHANGE_SHIFT_EXAMPLE: ChangeRosterShiftRequestDto = {
  participantId: 'vol-ben',
  role: 'sorter',
  blockId: 'b-north',
  startsAt: '2025-03-15T08:00:00Z',
  endsAt: '2025-03-15T12:00:00Z',
  reason: 'volunteer-unavailable',
};

/** DOMAIN: a part-time dispatcher paid by the hour. */
export const SHIFT_WORKED_EXAMPLE: RecordShiftWorkedRequestDto = {
  participantId: 'disp-1',
  work: { kind: 'hourly', role: 'dispatcher' },
  startedAt: '2025-03-15T07:00:00Z',
  endedAt: '2025-03-15T11:00:00Z',
};
