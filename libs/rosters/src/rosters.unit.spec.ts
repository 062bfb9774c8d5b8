import { assertSchemaVersions } from '@handoff/kernel';
import { rosterDecider, rosterErrorKinds, rosterEventSchemaVersions, rostersContext, sortersOf, surgeDecider } from '@handoff/rosters';

describe('@handoff/rosters, through its only door', () => {
  it('registers every event type it writes, past tense, at schema version 1, pay’s two facts among them', () => {
    expect(rosterEventSchemaVersions).toEqual({
      RosterShiftPublished: 1,
      RosterShiftChanged: 1,
      RosterShiftCancelled: 1,
      RosterPromiseBroken: 1,
      ShiftWorked: 1,
      SurgeWindowDeclared: 1,
      SurgeDeliveryOffered: 1,
      SurgeDeliveryClaimed: 1,
      SurgeOfferDeclined: 1,
      SurgeOfferLapsed: 1,
      SurgeDeliveryReleasedToGig: 1,
    });
    expect(() => assertSchemaVersions({ currentVersion: () => 1 }, rosterEventSchemaVersions)).not.toThrow();
  });

  it('names every refusal ROSTER.* or SURGE.* with a kind the API maps', () => {
    for (const [code, kind] of Object.entries(rosterErrorKinds)) {
      expect(code).toMatch(/^(ROSTER|SURGE)\.[A-Z_]+$/);
      expect(['not-found', 'conflict', 'rule-broken', 'forbidden']).toContain(kind);
    }
  });

  it('offers the deciders, the sorter rule and the definition the composition runs', () => {
    expect(sortersOf(rosterDecider.initialState(), 'b-north', '2025-03-01T00:00:00Z')).toEqual([]);
    expect(surgeDecider.initialState()).toEqual({ status: 'undeclared' });
    expect(rostersContext).toMatchObject({ name: 'rosters', reactions: [], upcasters: [], consultedCategories: ['roster', 'participant'] });
    expect(rostersContext.projections.map((projection) => projection.name)).toEqual(['roster-board', 'surge-offers']);
  });
});
