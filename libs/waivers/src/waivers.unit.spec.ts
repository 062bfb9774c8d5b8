import { assertSchemaVersions } from '@handoff/kernel';
import { coverageAt, initialWaiverSignaturesState, templateVersionsOf, waiverErrorKinds, waiverEventSchemaVersions, waiverSigningDecider, waiverTemplateDecider } from '@handoff/waivers';

describe('@handoff/waivers, through its only door', () => {
  it('registers every event type it writes, past tense, at schema version 1', () => {
    expect(waiverEventSchemaVersions).toEqual({ WaiverTemplateVersionPublished: 1, WaiverTemplateVersionRetired: 1, WaiverSigned: 1, WaiverSuperseded: 1, WaiverRevoked: 1 });
    expect(() => assertSchemaVersions({ currentVersion: () => 1 }, waiverEventSchemaVersions)).not.toThrow();
  });

  it('names every refusal WAIVER.* with a kind the API maps', () => {
    for (const [code, kind] of Object.entries(waiverErrorKinds)) {
      expect(code).toMatch(/^WAIVER\.[A-Z_]+$/);
      expect(['not-found', 'conflict', 'rule-broken', 'forbidden']).toContain(kind);
    }
  });

  it('offers the deciders and coverage a module will wire', () => {
    expect(typeof waiverTemplateDecider.decide).toBe('function');
    expect(typeof waiverSigningDecider.decide).toBe('function');
    expect(coverageAt(initialWaiverSignaturesState(), templateVersionsOf([]), '2025-03-01T00:00:00Z', { participantKind: 'volunteer' })).toEqual({ covered: false, reason: 'never-signed' });
  });
});
