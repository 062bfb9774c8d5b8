import { deciderSpecification } from '@handoff/testing';
import type { HubCycleCommand } from './hub-cycle.commands';
import { hubCycleDecider } from './hub-cycle.decider';
import type { HubCycleEvent } from './hub-cycle.events';
import { requireIntakeOpen } from './hub-cycle.decide';

const { given } = deciderSpecification(hubCycleDecider);
const OPENED_AT = '2025-03-04T06:00:00.000Z';
const at = (second: number) => new Date(Date.parse('2025-03-04T07:00:00.000Z') + second * 1000).toISOString();

// A hub's cap as the participants context defaults it (55 parcels); the decider takes whatever cap the command carries.
const HUB_CAP = 55;
const open = (cap = HUB_CAP, hubSuspended = false): HubCycleCommand => ({ type: 'OpenHubCycle', cycleId: 'cycle-1', hubId: 'city-hub', cap, hubSuspended, openedAt: OPENED_AT });
const intake = (n: number, hubId = 'city-hub'): HubCycleCommand => ({ type: 'RecordHubCycleIntake', cycleId: 'cycle-1', hubId, parcelId: `parcel-${n}`, receivedAt: at(n) });
const close: HubCycleCommand = { type: 'CloseHubCycle', cycleId: 'cycle-1', hubId: 'city-hub', closedAt: '2025-03-04T12:00:00.000Z' };

function recorded(...commands: HubCycleCommand[]): HubCycleEvent[] {
  const events: HubCycleEvent[] = [];
  let state = hubCycleDecider.initialState();
  for (const command of commands) {
    const decided = hubCycleDecider.decide(command, state);
    state = decided.reduce(hubCycleDecider.evolve, state);
    events.push(...decided);
  }
  return events;
}
const received = (count: number) => Array.from({ length: count }, (_, i) => intake(i + 1));

describe('OpenHubCycle', () => {
  it('refuses a suspended hub (or coordinator)', () => {
    given([]).when(open(HUB_CAP, true)).thenThrows('HUB_CYCLE.HUB_SUSPENDED');
  });

  it('opens a cycle with the hub cap (55 unless the hub set its own)', () => {
    given([])
      .when(open())
      .then([{ type: 'HubCycleOpened', data: { cycleId: 'cycle-1', hubId: 'city-hub', cap: 55, openedAt: OPENED_AT } }]);
  });
  it('does nothing when opened again the same way', () => {
    given(recorded(open())).when(open()).thenNothing();
  });
  it('refuses to reopen with another cap, or with no cap at all', () => {
    given(recorded(open())).when(open(60)).thenThrows('HUB_CYCLE.ALREADY_OPENED');
    given([]).when(open(0)).thenThrows('HUB_CYCLE.INVALID_DETAILS');
  });
});

describe('RecordHubCycleIntake', () => {
  it('counts a parcel within the cap without a flag', () => {
    given(recorded(open(), ...received(3)))
      .when(intake(4))
      .then([{ type: 'HubCycleParcelReceived', data: { cycleId: 'cycle-1', hubId: 'city-hub', parcelId: 'parcel-4', intakeNumber: 4, overCap: false, receivedAt: at(4) } }]);
  });

  it('accepts the 56th parcel, flags it and says once that the cap was exceeded', () => {
    given(recorded(open(), ...received(55)))
      .when(intake(56))
      .then([
        { type: 'HubCycleParcelReceived', data: { cycleId: 'cycle-1', hubId: 'city-hub', parcelId: 'parcel-56', intakeNumber: 56, overCap: true, receivedAt: at(56) } },
        { type: 'HubCycleCapExceeded', data: { cycleId: 'cycle-1', hubId: 'city-hub', cap: 55, exceededAt: at(56) } },
      ]);
    given(recorded(open(), ...received(56)))
      .when(intake(57))
      .then([{ type: 'HubCycleParcelReceived', data: { cycleId: 'cycle-1', hubId: 'city-hub', parcelId: 'parcel-57', intakeNumber: 57, overCap: true, receivedAt: at(57) } }]);
  });

  it('does nothing when the same parcel is scanned twice, even after closing', () => {
    given(recorded(open(), ...received(2)))
      .when(intake(2))
      .thenNothing();
    given(recorded(open(), ...received(2), close))
      .when(intake(2))
      .thenNothing();
  });

  it('refuses intake into a cycle never opened', () => {
    given([]).when(intake(1)).thenThrows('HUB_CYCLE.NOT_OPENED');
  });

  it('counts a parcel received while open but reached after the close, flagged late, never lost', () => {
    given(recorded(open(2), ...received(2), close))
      .when(intake(3))
      .then([
        { type: 'HubCycleParcelReceived', data: { cycleId: 'cycle-1', hubId: 'city-hub', parcelId: 'parcel-3', intakeNumber: 3, overCap: true, receivedAt: at(3), late: true } },
        { type: 'HubCycleCapExceeded', data: { cycleId: 'cycle-1', hubId: 'city-hub', cap: 2, exceededAt: at(3) } },
      ]);
    given(recorded(open(2), ...received(1), close, intake(2)))
      .when(intake(2))
      .thenNothing();
    given(recorded(open(), close, intake(1)))
      .when(intake(2))
      .then([{ type: 'HubCycleParcelReceived', data: { cycleId: 'cycle-1', hubId: 'city-hub', parcelId: 'parcel-2', intakeNumber: 2, overCap: false, receivedAt: at(2), late: true } }]);
  });
});

describe('a receive naming a cycle (checked before the parcel is appended)', () => {
  const cycleAfter = (...commands: HubCycleCommand[]) => recorded(...commands).reduce(hubCycleDecider.evolve, hubCycleDecider.initialState());
  const check =
    (state: ReturnType<typeof cycleAfter>, parcel: number, hubId = 'city-hub') =>
    () =>
      requireIntakeOpen(state, 'cycle-1', hubId, `parcel-${parcel}`);

  it("is allowed into the hub's open cycle", () => {
    expect(check(cycleAfter(open()), 1)).not.toThrow();
  });
  it("is refused for a cycle never opened, or another hub's, as if never opened", () => {
    expect(check(cycleAfter(), 1)).toThrow(expect.objectContaining({ code: 'HUB_CYCLE.NOT_OPENED' }));
    expect(check(cycleAfter(open()), 1, 'other-hub')).toThrow(expect.objectContaining({ code: 'HUB_CYCLE.NOT_OPENED' }));
  });
  it('is refused for a closed cycle, unless the cycle already counted that parcel (a repeat)', () => {
    expect(check(cycleAfter(open(), close), 1)).toThrow(expect.objectContaining({ code: 'HUB_CYCLE.CLOSED' }));
    expect(check(cycleAfter(open(), intake(1), close), 1)).not.toThrow();
  });
});

describe('CloseHubCycle', () => {
  it('closes with what came in and how much was over the cap', () => {
    given(recorded(open(2), ...received(5)))
      .when(close)
      .then([{ type: 'HubCycleClosed', data: { cycleId: 'cycle-1', hubId: 'city-hub', parcelsReceived: 5, parcelsOverCap: 3, closedAt: close.closedAt } }]);
  });
  it('does nothing when closed twice', () => {
    given(recorded(open(), close)).when(close).thenNothing();
  });
  it('refuses to close a cycle never opened', () => {
    given([]).when(close).thenThrows('HUB_CYCLE.NOT_OPENED');
  });
  it("answers another hub's coordinator as if the cycle had never been opened", () => {
    given(recorded(open(), intake(1)))
      .when({ ...close, hubId: 'other-hub' } as HubCycleCommand)
      .thenThrows('HUB_CYCLE.NOT_OPENED');
  });
});

describe('RecordHubCycleIntake scope', () => {
  it("never counts a parcel in another hub's cycle", () => {
    given(recorded(open())).when(intake(1, 'other-hub')).thenThrows('HUB_CYCLE.NOT_OPENED');
  });
});
