/**
 * The waiver coverage read model end to end below HTTP: events decided by the waiver deciders are
 * appended to the embedded event store, projected by the real runtime into the embedded
 * MongoDB-compatible server, and read back through WaiverCoverageQueries. The oracle is the write
 * side: the same events folded by the deciders and asked through the same pure functions.
 */
import type { ProjectionRuntime } from '@handoff/projections';
import { ReadModels } from '@handoff/projections';
import { coverageAt, coverageHistory, templateVersionsOf, waiverCoverageProjection, WaiverCoverageQueries, waiverSigningDecider, waiverTemplateDecider } from '@handoff/waivers';
import type { WaiverSigningEvent, WaiverTemplateEvent } from '@handoff/waivers';
import { revoke, signAt } from '@handoff/waivers/domain/signing/waiver-signing.fixtures';
import { at, DAY, publish, published, recorded, TEMPLATE_ID, versionFrom } from '@handoff/waivers/domain/template/waiver-template.fixtures';
import { appendEvents, ReadSide, startReadSide } from '../projections/support/read-side.fixture';
import { runtimeOn, waitForCheckpoint } from '../projections/runtime-support';

jest.setTimeout(60_000);

const VOLUNTEER = 'volunteer';
const versions = published(publish(1), publish(2, { effectiveFrom: at(30 * DAY), liabilityCap: { amountMinor: 25_000, currency: 'USD' } }));
const retirement: WaiverTemplateEvent = {
  type: 'WaiverTemplateVersionRetired',
  data: { templateId: TEMPLATE_ID, version: 1, reason: 'clause reworded', retiredBy: 'admin-1', retiredAt: at(200 * DAY) },
};
const v1 = versionFrom(versions, 1);
const v2 = versionFrom(versions, 2);
const by = (participantId: string) => ({ participantId, actor: { kind: 'participant' as const, id: participantId } });

/** Each participant's signature stream, as the deciders record it. */
const histories: Record<string, WaiverSigningEvent[]> = {
  // Signed, renewed with version 2 before it takes effect (superseding from then), the renewal revoked, signed again.
  ana: recorded(
    waiverSigningDecider,
    signAt(v1, 60, by('ana')),
    signAt(v2, 20 * DAY, by('ana')),
    revoke('waiver-2', 40 * DAY, by('ana')),
    signAt(v2, 45 * DAY, { ...by('ana'), waiverId: 'waiver-3', expiresAt: at(100 * DAY) }),
  ),
  // Signed version 1, which is retired later: uncovered from the retirement.
  bo: recorded(waiverSigningDecider, signAt(v1, 120, by('bo'))),
};

describe('the waiver coverage read model (embedded servers, real projection runtime)', () => {
  let side: ReadSide;
  let runtime: ProjectionRuntime;
  let queries: WaiverCoverageQueries;

  beforeAll(async () => {
    side = await startReadSide('waiver_coverage');
    runtime = runtimeOn(side, [waiverCoverageProjection]);
    runtime.start();
    queries = new WaiverCoverageQueries(new ReadModels(side.db));
    const position = await appendEvents(side.client, [
      ...versions.map((event: WaiverTemplateEvent) => ({ stream: `waivertemplate-${TEMPLATE_ID}`, type: event.type, data: event.data as never })),
      ...Object.entries(histories).flatMap(([participantId, events]) => events.map((event) => ({ stream: `waiver-${participantId}`, type: event.type, data: event.data as never }))),
    ]);
    // The retirement comes after the signatures in $all, as it would in life.
    const retired = await appendEvents(side.client, [{ stream: `waivertemplate-${TEMPLATE_ID}`, type: retirement.type, data: retirement.data as never }]);
    expect(retired.commit > position.commit).toBe(true);
    await waitForCheckpoint(side.db, waiverCoverageProjection.name, retired, 15_000);
  });

  afterAll(async () => {
    await runtime?.stop();
    await side?.dispose();
  });

  /** The write side's answer: the streams folded by the deciders. */
  const oracle = (participantId: string) => {
    const signatures = (histories[participantId] ?? []).reduce(waiverSigningDecider.evolve, waiverSigningDecider.initialState());
    const template = [...versions, retirement].reduce(waiverTemplateDecider.evolve, waiverTemplateDecider.initialState());
    return { signatures, versions: templateVersionsOf([template]) };
  };

  it('answers coverage at any instant as the write side does, boundaries included', async () => {
    const probes = [0, 60, 61, 20 * DAY, 30 * DAY - 1, 30 * DAY, 40 * DAY - 1, 40 * DAY, 45 * DAY, 100 * DAY - 1, 100 * DAY, 120, 200 * DAY - 1, 200 * DAY, 400 * DAY].map(at);
    for (const participantId of ['ana', 'bo', 'cy']) {
      const { signatures, versions: lookup } = oracle(participantId);
      for (const instant of probes) {
        expect(await queries.coverageAt(participantId, VOLUNTEER, instant)).toEqual(coverageAt(signatures, lookup, instant, { participantKind: VOLUNTEER }));
      }
      expect(await queries.history(participantId, VOLUNTEER)).toEqual(coverageHistory(signatures, lookup, { participantKind: VOLUNTEER }));
    }
  });

  it("gives a participant's timeline with template, version and cap, and the reasons for its gaps", async () => {
    const ana = await queries.history('ana', VOLUNTEER);
    expect(ana.intervals.map(({ waiverId, version, cap, from, until, endsBecause }) => ({ waiverId, version, cap: cap.amountMinor, from, until, endsBecause }))).toEqual([
      { waiverId: 'waiver-1', version: 1, cap: 20_000, from: at(60), until: at(30 * DAY), endsBecause: 'superseded' },
      { waiverId: 'waiver-2', version: 2, cap: 25_000, from: at(30 * DAY), until: at(40 * DAY), endsBecause: 'revoked' },
      { waiverId: 'waiver-3', version: 2, cap: 25_000, from: at(45 * DAY), until: at(100 * DAY), endsBecause: 'expired' },
    ]);
    expect(ana.gaps).toEqual([
      { from: at(40 * DAY), until: at(45 * DAY), reason: 'revoked', waiverId: 'waiver-2' },
      { from: at(100 * DAY), until: null, reason: 'expired', waiverId: 'waiver-3' },
    ]);
    expect((await queries.history('bo', VOLUNTEER)).gaps).toEqual([
      { from: at(200 * DAY), until: at(365 * DAY), reason: 'version-retired', waiverId: 'waiver-1' },
      { from: at(365 * DAY), until: null, reason: 'expired', waiverId: 'waiver-1' },
    ]);
    expect(await queries.history('cy', VOLUNTEER)).toEqual({ intervals: [], gaps: [] });
  });

  it('decides expiry by the instant asked about: no event marks it', async () => {
    expect(await queries.coverageAt('ana', VOLUNTEER, '2025-06-08T23:59:59.999999999Z')).toMatchObject({ covered: true, waiverId: 'waiver-3' });
    expect(await queries.coverageAt('ana', VOLUNTEER, at(100 * DAY))).toEqual({ covered: false, reason: 'expired', waiverId: 'waiver-3' });
    expect(await queries.coverageAt('ana', 'gig', at(50 * DAY))).toMatchObject({ covered: false, reason: 'not-applicable' });
  });
});
