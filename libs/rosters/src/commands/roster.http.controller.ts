import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { Facts, HttpCommands, type HttpCommandFacts, type HttpCommandResult } from '@handoff/commands';
import { ID_GENERATOR, type IdGenerator } from '@handoff/shared';
import { Roles } from '@handoff/shared/auth';
import { IdParam } from '@handoff/shared/http';
import type { ShiftTerms, ShiftWork } from '../domain/shift/shift.events';
import type { CancelRosterShift, ChangeRosterShift, PublishRosterShifts, RecordShiftWorked } from './roster.handlings';
import {
  CancelRosterShiftRequestDto,
  CHANGE_SHIFT_EXAMPLE,
  ChangeRosterShiftRequestDto,
  PUBLISH_ROSTER_EXAMPLE,
  PublishRosterShiftsRequestDto,
  RecordShiftWorkedRequestDto,
  SHIFT_WORKED_EXAMPLE,
  type ShiftTermsDto,
  type ShiftWorkDto,
} from './roster.request.dto';

const termsOf = ({ participantId, role, blockId, startsAt, endsAt }: ShiftTermsDto): ShiftTerms => ({ participantId, role, blockId: blockId ?? null, startsAt, endsAt });

const workOf = (work: ShiftWorkDto): ShiftWork =>
  work.kind === 'hourly' ? { kind: 'hourly', role: work.role! } : work.kind === 'courier' ? { kind: 'courier', run: work.run!, routeId: work.routeId ?? null } : { kind: 'volunteer' };

/** Routes of a hub's roster: each maps a validated request to a command (roster.handlings.ts decides it). A hub's coordinator or an admin. */
@ApiTags('rosters')
@ApiBearerAuth()
@Controller('hubs/:hubId')
export class RosterHttpController {
  constructor(
    private readonly commands: HttpCommands,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  /** Publishes volunteer shifts, each starting at least the notice period (6 days) from now. */
  @Post('roster/shifts')
  @HttpCode(201)
  @Roles('coordinator', 'admin')
  @ApiBody({ type: PublishRosterShiftsRequestDto, examples: { 'a Saturday sorter': { value: PUBLISH_ROSTER_EXAMPLE } } })
  publish(@Param('hubId', IdParam) hubId: string, @Body() body: PublishRosterShiftsRequestDto, @Facts() facts: HttpCommandFacts): Promise<HttpCommandResult> {
    return this.commands.issue<PublishRosterShifts>(facts, 'PublishRosterShifts', () =>
      Promise.resolve({ hubId, shifts: body.shifts.map((shift) => ({ shiftId: shift.shiftId ?? this.ids.next(), ...termsOf(shift) })) }),
    );
  }

  /** Gives a published shift new terms: allowed, and recorded as a broken promise with how late it was. */
  @Post('roster/shifts/:shiftId/change')
  @HttpCode(200)
  @Roles('coordinator', 'admin')
  @ApiBody({ type: ChangeRosterShiftRequestDto, examples: { 'another volunteer sorts': { value: CHANGE_SHIFT_EXAMPLE } } })
  change(@Param('hubId', IdParam) hubId: string, @Param('shiftId', IdParam) shiftId: string, @Body() body: ChangeRosterShiftRequestDto, @Facts() facts: HttpCommandFacts): Promise<HttpCommandResult> {
    return this.commands.issue<ChangeRosterShift>(facts, 'ChangeRosterShift', { hubId, shiftId, to: termsOf(body), reason: body.reason });
  }

  /** Cancels a published shift: allowed, and recorded as a broken promise. */
  @Post('roster/shifts/:shiftId/cancel')
  @HttpCode(200)
  @Roles('coordinator', 'admin')
  cancel(@Param('hubId', IdParam) hubId: string, @Param('shiftId', IdParam) shiftId: string, @Body() body: CancelRosterShiftRequestDto, @Facts() facts: HttpCommandFacts): Promise<HttpCommandResult> {
    return this.commands.issue<CancelRosterShift>(facts, 'CancelRosterShift', { hubId, shiftId, reason: body.reason });
  }

  /** Records a shift worked (a volunteer's against the roster, an hourly role's, a courier's loop): the fact pay prices. */
  @Post('shifts-worked')
  @HttpCode(201)
  @Roles('coordinator', 'admin')
  @ApiBody({ type: RecordShiftWorkedRequestDto, examples: { 'a dispatcher’s morning': { value: SHIFT_WORKED_EXAMPLE } } })
  worked(@Param('hubId', IdParam) hubId: string, @Body() body: RecordShiftWorkedRequestDto, @Facts() facts: HttpCommandFacts): Promise<HttpCommandResult> {
    const { participantId, startedAt, endedAt } = body;
    return this.commands.issue<RecordShiftWorked>(facts, 'RecordShiftWorked', () =>
      Promise.resolve({ hubId, shiftId: body.shiftId ?? this.ids.next(), participantId, work: workOf(body.work), startedAt, endedAt }),
    );
  }
}
