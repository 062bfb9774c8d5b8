import { update as applyUpdate } from 'mingo';
import type { RecordedEnvelope } from '@handoff/eventstore';
import { project } from '@handoff/projections';
import { revoke, signAt } from '../../domain/signing/waiver-signing.fixtures';
import { waiverSigningDecider } from '../../domain/signing/waiver-signing.decider';
import type { WaiverSigningEvent } from '../../domain/signing/waiver-signing.events';
import { at, DAY, publish, published, recorded, TEMPLATE_ID, versionFrom } from '../../domain/template/waiver-template.fixtures';
import type { WaiverTemplateEvent } from '../../domain/template/waiver-template.events';
import { signatureKey, versionKey, WAIVER_SIGNATURES, WAIVER_TEMPLATE_VERSIONS, waiverCoverageProjection } from './waiver-coverage.projection';

type Stored = Record<string, Record<string, Record<string, unknown>>>;

const versions = published(publish(1), publish(2, { effectiveFrom: at(30 * DAY), effectiveUntil: at(400 * DAY) }));
const template: WaiverTemplateEvent[] = [
  ...versions,
  { type: 'WaiverTemplateVersionRetired', data: { templateId: TEMPLATE_ID, version: 1, reason: 'clause reworded', retiredBy: 'admin-1', retiredAt: at(200 * DAY) } },
];
// Signed before version 1 was retired.
const v1 = versionFrom(versions, 1);
const v2 = versionFrom(versions, 2);
// Signed, renewed with version 2 (superseding the first), then the renewal revoked.
const signatures: WaiverSigningEvent[] = recorded(waiverSigningDecider, signAt(v1, 60), signAt(v2, 20 * DAY), revoke('waiver-2', 40 * DAY));

/** Applies the events' changes, `rounds` times over (a replay after a crash applies them again), to documents by collection and id. */
function applied(events: Array<WaiverTemplateEvent | WaiverSigningEvent>, rounds = 1): Stored {
  const stored: Stored = { [WAIVER_SIGNATURES]: {}, [WAIVER_TEMPLATE_VERSIONS]: {} };
  for (let round = 0; round < rounds; round++) {
    events.forEach((event, index) => {
      const envelope = { ...event, revision: BigInt(index), metadata: { eventId: `e-${index}` } } as unknown as RecordedEnvelope;
      for (const change of project(waiverCoverageProjection, envelope)) {
        expect(change.kind).toBe('upsert');
        const documents = stored[change.collection]!;
        const id = String(change.id);
        documents[id] ??= { _id: id };
        applyUpdate(documents[id]!, (change as unknown as { update: Record<string, never> }).update);
      }
    });
  }
  return stored;
}

describe('waiver coverage read model', () => {
  it("keeps each version's terms, and its retirement once retired", () => {
    const versions = applied(template)[WAIVER_TEMPLATE_VERSIONS]!;
    expect(Object.keys(versions).sort()).toEqual([versionKey(TEMPLATE_ID, 1), versionKey(TEMPLATE_ID, 2)].sort());
    const { publishedBy: _admin, ...terms } = template[0]!.data as WaiverTemplateEvent['data'] & { publishedBy: string };
    expect(versions[versionKey(TEMPLATE_ID, 1)]).toEqual({ _id: versionKey(TEMPLATE_ID, 1), ...terms, retired: { retiredAt: at(200 * DAY), reason: 'clause reworded' } });
    expect(versions[versionKey(TEMPLATE_ID, 2)]).toMatchObject({ liabilityCap: { amountMinor: 20_000, currency: 'USD' }, effectiveUntil: at(400 * DAY) });
    expect(versions[versionKey(TEMPLATE_ID, 2)]).not.toHaveProperty('retired');
    expect(versions[versionKey(TEMPLATE_ID, 2)]).not.toHaveProperty('publishedBy');
  });

  it('keeps each signature in signing order, with its supersession and its revocation', () => {
    const stored = applied(signatures)[WAIVER_SIGNATURES]!;
    const { participantId, backdated: _backdated, ...first } = signatures[0]!.data as Extract<WaiverSigningEvent, { type: 'WaiverSigned' }>['data'];
    expect(stored[signatureKey(participantId, 'waiver-1')]).toEqual({
      _id: signatureKey(participantId, 'waiver-1'),
      participantId,
      ...first,
      revision: 0,
      superseded: { by: 'waiver-2', from: at(30 * DAY) },
    });
    expect(stored[signatureKey(participantId, 'waiver-2')]).toMatchObject({ revision: 1, version: 2, revoked: { revokedAt: at(40 * DAY), reason: 'withdrawn-by-participant' } });
  });

  it('changes nothing when every event is applied twice', () => {
    const events = [...template, ...signatures];
    expect(applied(events, 2)).toEqual(applied(events));
  });

  it('keeps apart the same waiver id of two participants', () => {
    expect(signatureKey('a', 'b:c')).not.toBe(signatureKey('a:b', 'c'));
    expect(versionKey('t', 12)).not.toBe(versionKey('t1', 2));
  });
});
