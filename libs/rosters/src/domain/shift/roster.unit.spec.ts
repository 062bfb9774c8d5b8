import { deciderSpecification } from '@handoff/testing';
import { admin, at, coordinator, DAY, HOUR, hub, HUB_ID, MINUTE, NOTICE_MS, otherCoordinator, volunteer } from '../shared/roster.fixtures';
import { anaSorts, cancelShift, changeShift, publish, recordWorked, rosterEvents } from './roster.fixtures';
import { rosterDecider } from './roster.decider';
import { initialState, sortersOf } from './roster.state';
import type { RosterPromiseBroken, RosterShiftPublished } from './shift.events';

const { given } = deciderSpecification(rosterDecider);

const anaPublished: RosterShiftPublished = {
  type: 'RosterShiftPublished',
  data: { hubId: HUB_ID, ...anaSorts(), publishedBy: 'coord-1', publishedAt: at(0), noticeGivenMs: 7 * DAY + 8 * HOUR },
};

describe('PublishRosterShifts', () => {
  it('publishes a volunteer shift with its notice', () => {
    given([]).when(publish()).then([anaPublished]);
  });

  it('accepts a shift starting exactly the notice period ahead, refuses one a millisecond less', () => {
    given([])
      .when(publish([anaSorts({ startsAt: at(NOTICE_MS), endsAt: at(NOTICE_MS + 4 * HOUR) })]))
      .then([{ type: 'RosterShiftPublished', data: { ...anaPublished.data, startsAt: at(NOTICE_MS), endsAt: at(NOTICE_MS + 4 * HOUR), noticeGivenMs: NOTICE_MS } }]);
    const refusal = given([])
      .when(publish([anaSorts({ startsAt: at(NOTICE_MS - 1), endsAt: at(NOTICE_MS + 4 * HOUR) })]))
      .thenThrows('ROSTER.NOTICE_TOO_SHORT');
    expect(refusal.details).toMatchObject({ noticeGivenMs: NOTICE_MS - 1, noticeRequiredMs: NOTICE_MS });
  });

  it('takes the notice period from the command (configured), not a constant', () => {
    given([])
      .when(publish([anaSorts({ startsAt: at(2 * DAY), endsAt: at(2 * DAY + HOUR) })], { noticeMs: 2 * DAY }))
      .then([{ type: 'RosterShiftPublished', data: { ...anaPublished.data, startsAt: at(2 * DAY), endsAt: at(2 * DAY + HOUR), noticeGivenMs: 2 * DAY } }]);
  });

  it('does nothing for a repeat with the same terms, and refuses other terms under a published id', () => {
    given([anaPublished]).when(publish()).thenNothing();
    given([anaPublished])
      .when(publish([anaSorts({ blockId: 'b-south' })]))
      .thenThrows('ROSTER.SHIFT_ALREADY_PUBLISHED');
  });

  it('rosters only active volunteer couriers who exist', () => {
    given([])
      .when(publish([anaSorts({ participantId: 'nobody' })]))
      .thenThrows('ROSTER.PARTICIPANT_NOT_FOUND');
    given([])
      .when(publish(undefined, { participants: { 'vol-ana': volunteer('vol-ana', { engagement: 'paid' }) } }))
      .thenThrows('ROSTER.NOT_A_VOLUNTEER');
    given([])
      .when(publish(undefined, { participants: { 'vol-ana': volunteer('vol-ana', { suspended: true }) } }))
      .thenThrows('ROSTER.PARTICIPANT_SUSPENDED');
  });

  it("refuses another hub's coordinator, a suspended coordinator or hub, and an unknown hub; an admin may publish", () => {
    given([])
      .when(publish(undefined, { actor: otherCoordinator }))
      .thenThrows('ROSTER.NOT_HUB_COORDINATOR');
    given([])
      .when(publish(undefined, { actor: { ...coordinator, suspended: true } }))
      .thenThrows('ROSTER.ACTOR_SUSPENDED');
    given([])
      .when(publish(undefined, { hub: { ...hub, suspended: true } }))
      .thenThrows('ROSTER.ACTOR_SUSPENDED');
    given([])
      .when(publish(undefined, { hub: null }))
      .thenThrows('ROSTER.HUB_NOT_FOUND');
    given([])
      .when(publish(undefined, { actor: admin }))
      .then([{ ...anaPublished, data: { ...anaPublished.data, publishedBy: 'admin-1' } }]);
  });

  it('refuses bad details: a sorter with no block, an end before the start, a shift id twice', () => {
    given([])
      .when(publish([anaSorts({ blockId: null })]))
      .thenThrows('ROSTER.INVALID_DETAILS');
    given([])
      .when(publish([anaSorts({ endsAt: anaSorts().startsAt })]))
      .thenThrows('ROSTER.INVALID_DETAILS');
    given([])
      .when(publish([anaSorts(), anaSorts()]))
      .thenThrows('ROSTER.INVALID_DETAILS');
    given([]).when(publish([])).thenThrows('ROSTER.INVALID_DETAILS');
  });
});

describe('ChangeRosterShift and CancelRosterShift: a broken promise each time', () => {
  const lateBroken = (data: Partial<RosterPromiseBroken['data']>): RosterPromiseBroken => ({
    type: 'RosterPromiseBroken',
    data: {
      hubId: HUB_ID,
      shiftId: 'shift-ana-1',
      change: 'changed',
      publishedBy: 'coord-1',
      brokenBy: 'coord-1',
      reason: 'volunteer-unavailable',
      brokenAt: at(2 * DAY),
      shiftStartsAt: at(7 * DAY + 8 * HOUR),
      noticeRequiredMs: NOTICE_MS,
      noticeGivenMs: 5 * DAY + 8 * HOUR,
      lateByMs: 16 * HOUR,
      ...data,
    },
  });

  it('records a late change with how late it was: 5 days 8 hours of notice against 6 days is 16 hours late', () => {
    const { shiftId: _id, ...terms } = anaSorts({ participantId: 'vol-ben' });
    given([anaPublished])
      .when(changeShift({ to: terms, participant: volunteer('vol-ben') }))
      .then([
        {
          type: 'RosterShiftChanged',
          data: {
            hubId: HUB_ID,
            shiftId: 'shift-ana-1',
            from: { participantId: 'vol-ana', role: 'sorter', blockId: 'b-north', startsAt: anaPublished.data.startsAt, endsAt: anaPublished.data.endsAt },
            to: terms,
            reason: 'volunteer-unavailable',
            changedBy: 'coord-1',
            changedAt: at(2 * DAY),
          },
        },
        lateBroken({}),
      ]);
  });

  it('a change with the full notice still ahead is a broken promise too, 0 late; moving a shift earlier counts from the new start', () => {
    const { shiftId: _id, ...later } = anaSorts({ endsAt: at(7 * DAY + 13 * HOUR) });
    const [, early] = rosterDecider.decide(changeShift({ now: at(HOUR), to: later }), rosterEvents(publish()).reduce(rosterDecider.evolve, initialState()));
    expect(early).toEqual(lateBroken({ brokenAt: at(HOUR), noticeGivenMs: 7 * DAY + 7 * HOUR, lateByMs: 0 }));
    const { shiftId: _same, ...earlier } = anaSorts({ startsAt: at(6 * DAY + 8 * HOUR), endsAt: at(6 * DAY + 12 * HOUR) });
    const [, moved] = rosterDecider.decide(changeShift({ to: earlier }), rosterEvents(publish()).reduce(rosterDecider.evolve, initialState()));
    expect(moved).toEqual(lateBroken({ shiftStartsAt: at(6 * DAY + 8 * HOUR), noticeGivenMs: 4 * DAY + 8 * HOUR, lateByMs: DAY + 16 * HOUR }));
  });

  it('does nothing for a change to the same terms; refuses an unknown, cancelled or started shift and a reason off the list', () => {
    given([anaPublished]).when(changeShift()).thenNothing();
    given([]).when(changeShift()).thenThrows('ROSTER.SHIFT_NOT_FOUND');
    const cancelled = rosterEvents(publish(), cancelShift());
    given(cancelled).when(changeShift()).thenThrows('ROSTER.SHIFT_CANCELLED');
    const { shiftId: _id, ...terms } = anaSorts({ role: 'runner' });
    given([anaPublished])
      .when(changeShift({ to: terms, now: anaPublished.data.startsAt }))
      .thenThrows('ROSTER.SHIFT_STARTED');
    given([anaPublished])
      .when(changeShift({ to: terms, reason: 'she is ill' as never }))
      .thenThrows('ROSTER.INVALID_DETAILS');
    given([anaPublished])
      .when(changeShift({ to: { ...terms, participantId: 'vol-paid' }, participant: volunteer('vol-paid', { engagement: 'paid' }) }))
      .thenThrows('ROSTER.NOT_A_VOLUNTEER');
  });

  it('cancels with a broken promise counted against the coordinator who published, once', () => {
    given([anaPublished])
      .when(cancelShift({ actor: admin, now: at(7 * DAY + 7 * HOUR) }))
      .then([
        { type: 'RosterShiftCancelled', data: { hubId: HUB_ID, shiftId: 'shift-ana-1', reason: 'hub-closed', cancelledBy: 'admin-1', cancelledAt: at(7 * DAY + 7 * HOUR) } },
        lateBroken({ change: 'cancelled', brokenBy: 'admin-1', reason: 'hub-closed', brokenAt: at(7 * DAY + 7 * HOUR), noticeGivenMs: HOUR, lateByMs: NOTICE_MS - HOUR }),
      ]);
    given(rosterEvents(publish(), cancelShift())).when(cancelShift()).thenNothing();
    given([anaPublished])
      .when(cancelShift({ actor: otherCoordinator }))
      .thenThrows('ROSTER.NOT_HUB_COORDINATOR');
  });
});

describe('RecordShiftWorked', () => {
  const worked = (data: Partial<Parameters<typeof recordWorked>[0] & object> = {}) => recordWorked(data);

  it("records a volunteer's rostered shift as worked, once", () => {
    given([anaPublished])
      .when(worked())
      .then([
        {
          type: 'ShiftWorked',
          data: {
            shiftId: 'shift-ana-1',
            hubId: HUB_ID,
            participantId: 'vol-ana',
            work: { kind: 'volunteer' },
            startedAt: at(7 * DAY + 8 * HOUR),
            endedAt: at(7 * DAY + 12 * HOUR),
            recordedBy: 'coord-1',
            recordedAt: at(7 * DAY + 12 * HOUR + 5 * MINUTE),
          },
        },
      ]);
    const done = rosterEvents(publish(), worked());
    given(done)
      .when(worked({ actor: admin, now: at(9 * DAY) }))
      .thenNothing();
    given(done)
      .when(worked({ endedAt: at(7 * DAY + 11 * HOUR) }))
      .thenThrows('ROSTER.SHIFT_ALREADY_WORKED');
  });

  it("refuses a volunteer shift that is not on the roster, cancelled, or someone else's", () => {
    given([]).when(worked()).thenThrows('ROSTER.SHIFT_NOT_FOUND');
    given(rosterEvents(publish(), cancelShift())).when(worked()).thenThrows('ROSTER.SHIFT_NOT_FOUND');
    given([anaPublished])
      .when(worked({ participantId: 'vol-ben', participant: volunteer('vol-ben') }))
      .thenThrows('ROSTER.NOT_ON_ROSTER');
  });

  it("records a dispatcher's hourly shift and a courier's loop, off the roster", () => {
    const dispatcher = { participantId: 'disp-1', kind: 'coordinator', suspended: false };
    const hourly = worked({ shiftId: 'h-1', participantId: 'disp-1', participant: dispatcher, work: { kind: 'hourly', role: 'dispatcher' } });
    expect(rosterDecider.decide(hourly, initialState())[0]?.data).toMatchObject({ shiftId: 'h-1', work: { kind: 'hourly', role: 'dispatcher' } });
    const loop = worked({ shiftId: 'loop-1', participantId: 'run-1', participant: volunteer('run-1', { engagement: 'paid' }), work: { kind: 'courier', run: 'loop', routeId: 'route-7' } });
    expect(rosterDecider.decide(loop, initialState())[0]?.data).toMatchObject({ work: { kind: 'courier', run: 'loop', routeId: 'route-7' } });
    given([anaPublished])
      .when(worked({ work: { kind: 'hourly', role: 'dispatcher' } }))
      .thenThrows('ROSTER.WRONG_WORK');
    given([])
      .when(worked({ shiftId: 'loop-2', participantId: 'disp-1', participant: dispatcher, work: { kind: 'courier', run: 'loop', routeId: null } }))
      .thenThrows('ROSTER.WRONG_WORK');
    given([])
      .when(worked({ shiftId: 'h-2', work: { kind: 'hourly', role: 'dispatcher' } }))
      .thenThrows('ROSTER.WRONG_WORK');
  });

  it('judges the stated times against the server clock: nothing from the future, nothing too old unless an admin records it', () => {
    given([anaPublished])
      .when(worked({ now: at(7 * DAY + 11 * HOUR) }))
      .thenThrows('ROSTER.TIME_IN_FUTURE');
    given([anaPublished])
      .when(worked({ now: at(11 * DAY) }))
      .thenThrows('ROSTER.BACKFILL_NOT_ALLOWED');
    expect(rosterDecider.decide(worked({ now: at(11 * DAY), actor: admin }), rosterEvents(publish()).reduce(rosterDecider.evolve, initialState()))).toHaveLength(1);
    given([anaPublished])
      .when(worked({ endedAt: at(7 * DAY + 8 * HOUR) }))
      .thenThrows('ROSTER.INVALID_DETAILS');
  });

  it('refuses an unknown or suspended participant', () => {
    given([anaPublished])
      .when(worked({ participant: null }))
      .thenThrows('ROSTER.PARTICIPANT_NOT_FOUND');
    given([anaPublished])
      .when(worked({ participant: volunteer('vol-ana', { suspended: true }) }))
      .thenThrows('ROSTER.PARTICIPANT_SUSPENDED');
  });
});

describe('who sorts a block', () => {
  it('is the volunteer on a sorter shift for the block covering the instant, the earliest started first; cancelled shifts do not count', () => {
    const roster = rosterEvents(
      publish([
        anaSorts(),
        anaSorts({ shiftId: 'shift-ben-1', participantId: 'vol-ben', startsAt: at(7 * DAY + 9 * HOUR) }),
        anaSorts({ shiftId: 'shift-ben-2', participantId: 'vol-ben', blockId: 'b-south' }),
      ]),
    ).reduce(rosterDecider.evolve, initialState());
    expect(sortersOf(roster, 'b-north', at(7 * DAY + 10 * HOUR)).map((shift) => shift.shiftId)).toEqual(['shift-ana-1', 'shift-ben-1']);
    expect(sortersOf(roster, 'b-north', at(7 * DAY + 8 * HOUR + 30 * MINUTE)).map((shift) => shift.shiftId)).toEqual(['shift-ana-1']);
    expect(sortersOf(roster, 'b-north', at(7 * DAY + 12 * HOUR))).toEqual([]);
    const cancelled = rosterEvents(publish(), cancelShift()).reduce(rosterDecider.evolve, initialState());
    expect(sortersOf(cancelled, 'b-north', at(7 * DAY + 10 * HOUR))).toEqual([]);
    expect(sortersOf(initialState(), 'b-north', at(0))).toEqual([]);
  });
});
