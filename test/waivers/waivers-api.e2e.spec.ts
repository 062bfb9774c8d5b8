import { custodyProjections } from '@handoff/custody';
import { waiverProjections } from '@handoff/waivers';
import { CustodyApi, startCustodyApi } from '../custody/support/custody-api.fixture';

jest.setTimeout(60_000);

const address = { lines: ['4 Canal Street'], locality: 'Todmorden', postalCode: 'OL14 5AA', countryCode: 'GB' };
const hash = (digits: string) => `sha256:${digits.repeat(64 / digits.length)}`;
const geo = { latitude: 53.71, longitude: -2.1 };
const intact = { condition: 'intact' };

/** DOMAIN.md's courier waiver: liability capped at $200, gross negligence excepted. */
const courierWaiverV1 = {
  version: 1,
  textHash: hash('3a'),
  liabilityCap: { amountMinor: 20_000, currency: 'USD' },
  grossNegligenceClause: { included: true, clauseTextHash: hash('5c') },
  jurisdiction: 'US-CA',
  participantKinds: ['volunteer', 'paid', 'gig'],
  parcelCategories: 'any',
  effectiveFrom: '2025-01-01T00:00:00Z',
};

describe('waivers API over HTTP (embedded servers): templates, signatures, coverage and custody asking it', () => {
  let api: CustodyApi;
  const keys: Record<string, string> = {};
  /** The position of the last waiver command: coverage is read from the read model, after it (read-your-writes). */
  let position = '';
  const after = (path: string) => `${path}${path.includes('?') ? '&' : '?'}position=${position}`;

  const as = (who: string) => ({
    post: (path: string, body: unknown = {}) => api.call('POST', path, { key: keys[who], body }),
    get: (path: string) => api.call('GET', path, { key: keys[who] }),
  });
  const sign = (who: string, participantId: string, extra: Record<string, unknown> = {}) =>
    as(who).post(`/participants/${participantId}/waivers`, { templateId: 'courier-general', version: 1, signatureEvidence: hash('9e'), expiresAt: '2099-01-01T00:00:00Z', ...extra });

  /** A parcel of the waiver-requiring collective at hub-1, offered to the courier, who tries to take it. */
  async function acceptAs(courier: string, parcelId: string) {
    const registered = await as('retailer').post('/parcels', {
      parcelId,
      externalReference: `order-${parcelId}`,
      collectiveId: 'col-w',
      declaredValue: { amountMinor: 4_500, currency: 'GBP' },
      categories: [],
      destinationHubId: 'hub-1',
      recipient: { name: 'Grace Hopper', address, phone: '+44 7700 900456' },
    });
    expect(registered.status).toBe(201);
    expect((await as('coordinator').post(`/parcels/${parcelId}/receive-at-hub`, { condition: intact, cycleId: 'cycle-1' })).status).toBe(200);
    const offer = await as('coordinator').post(`/parcels/${parcelId}/handoffs`, { to: { kind: 'courier', id: courier } });
    expect(offer.status).toBe(201);
    return as(courier).post(`/parcels/${parcelId}/handoffs/${offer.body.handoffId}/accept`, { condition: intact, evidence: [hash('a')], geo, deviceTime: '2025-05-01T10:00:00Z' });
  }

  beforeAll(async () => {
    api = await startCustodyApi({ projections: [...custodyProjections, ...waiverProjections] });
    keys.admin = api.adminKey;
    const admin = as('admin');
    const registered = await Promise.all([
      admin.post('/coordinators', { participantId: 'coord-1', displayName: 'Ruth at Mill Hub' }),
      admin.post('/retailers', { participantId: 'ret-1', displayName: 'Calder Hardware' }),
      admin.post('/couriers', { participantId: 'cour-a', displayName: 'Alex', engagement: { kind: 'volunteer' }, vetting: 'unvetted' }),
      admin.post('/couriers', { participantId: 'cour-b', displayName: 'Sam', engagement: { kind: 'paid' }, vetting: 'vetted' }),
    ]);
    expect(registered.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    expect((await admin.post('/hubs', { participantId: 'hub-1', displayName: 'Mill Hub', address, operatingCoordinatorId: 'coord-1', perCycleCap: 50 })).status).toBe(201);
    const collective = await admin.post('/collectives', {
      participantId: 'col-w',
      displayName: 'Waivered Collective',
      memberRetailerIds: ['ret-1'],
      policy: { declaredValueThreshold: { amountMinor: 20_000, currency: 'GBP' }, waiverRequired: true },
    });
    expect(collective.status).toBe(201);
    Object.assign(
      keys,
      await api.issueKeys({
        retailer: { role: 'retailer', participantId: 'ret-1' },
        coordinator: { role: 'coordinator', participantId: 'coord-1', hubId: 'hub-1' },
        'cour-a': { role: 'courier', participantId: 'cour-a' },
        'cour-b': { role: 'courier', participantId: 'cour-b' },
        auditor: { role: 'auditor', participantId: 'audit-firm-1' },
        insurer: { role: 'insurer', participantId: 'mutual-1' },
      }),
    );
    expect((await as('coordinator').post('/hub-cycles', { cycleId: 'cycle-1' })).status).toBe(201);
  });

  afterAll(async () => {
    await api?.dispose();
  });

  it("an admin publishes a template version: the event holds the text's hash and the $200 cap, never a text", async () => {
    expect((await as('retailer').post('/waiver-templates/courier-general/versions', courierWaiverV1)).body).toMatchObject({ status: 403, code: 'AUTH.ROLE_NOT_ALLOWED' });
    const withText = await as('admin').post('/waiver-templates/courier-general/versions', { ...courierWaiverV1, text: 'I accept…' });
    expect(withText.status).toBe(400);
    expect(withText.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await as('admin').post('/waiver-templates/courier-general/versions', { ...courierWaiverV1, textHash: 'the text itself' })).status).toBe(400);

    const published = await as('admin').post('/waiver-templates/courier-general/versions', courierWaiverV1);
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ id: 'courier-general', recorded: ['WaiverTemplateVersionPublished'], templateId: 'courier-general', version: '1' });
    const events = [];
    for await (const { event } of api.events.readStream('waivertemplate-courier-general')) events.push(event!);
    expect(events.map((event) => event.type)).toEqual(['WaiverTemplateVersionPublished']);
    expect(events[0]!.data).toMatchObject({ textHash: hash('3a'), liabilityCap: { amountMinor: 20_000, currency: 'USD' }, publishedBy: expect.any(String) });

    // Versions are never edited: the same number with other terms is refused, a repeat with the same terms changes nothing.
    expect((await as('admin').post('/waiver-templates/courier-general/versions', { ...courierWaiverV1, jurisdiction: 'US-NY' })).body).toMatchObject({
      status: 409,
      code: 'WAIVER.VERSION_ALREADY_PUBLISHED',
    });
    expect((await as('admin').post('/waiver-templates/courier-general/versions', courierWaiverV1)).body).toMatchObject({ recorded: [] });
  });

  it('a courier signs their own waiver; signing for another courier is 403 (problem details), and a retailer may not sign', async () => {
    const forSomeoneElse = await sign('cour-b', 'cour-a');
    expect(forSomeoneElse.status).toBe(403);
    expect(forSomeoneElse.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(forSomeoneElse.body).toMatchObject({ status: 403, code: 'WAIVER.NOT_SIGNER' });
    expect((await sign('retailer', 'ret-1')).body).toMatchObject({ status: 403, code: 'AUTH.ROLE_NOT_ALLOWED' });
    expect((await sign('cour-a', 'cour-a', { version: 2 })).body).toMatchObject({ status: 404, code: 'WAIVER.VERSION_NOT_FOUND' });

    const signed = await sign('cour-a', 'cour-a', { waiverId: 'w-a-1' });
    expect(signed.status).toBe(201);
    expect(signed.body).toMatchObject({ id: 'cour-a', waiverId: 'w-a-1', recorded: ['WaiverSigned'] });
    position = signed.body.position;
  });

  it('answers coverage from the read model: covered with version and cap, or not with a reason', async () => {
    const covered = await as('cour-a').get(after('/participants/cour-a/waivers/coverage'));
    expect(covered.status).toBe(200);
    expect(covered.body).toMatchObject({ participantId: 'cour-a', covered: true, waiverId: 'w-a-1', templateId: 'courier-general', version: 1, cap: { amountMinor: 20_000, currency: 'USD' } });
    expect((await as('insurer').get('/participants/cour-a/waivers/coverage?at=2024-06-01T00:00:00Z')).body).toMatchObject({ covered: false, reason: 'never-signed' });
    expect((await as('auditor').get('/participants/cour-b/waivers/coverage')).body).toMatchObject({ covered: false, reason: 'never-signed' });
    expect((await as('admin').get('/participants/cour-a/waivers/coverage?at=2099-01-01T00:00:00Z')).body).toMatchObject({ covered: false, reason: 'expired', waiverId: 'w-a-1' });
    const timeline = await as('cour-a').get('/participants/cour-a/waivers/coverage/timeline');
    expect(timeline.body).toEqual({
      participantId: 'cour-a',
      intervals: [expect.objectContaining({ waiverId: 'w-a-1', version: 1, until: '2099-01-01T00:00:00.000Z', cap: { amountMinor: 20_000, currency: 'USD' }, endsBecause: 'expired' })],
      gaps: [{ from: '2099-01-01T00:00:00.000Z', until: null, reason: 'expired', waiverId: 'w-a-1' }],
    });
  });

  it('refuses coverage to another courier, a coordinator (no hub membership on record) and a retailer, and bad instants with 400', async () => {
    expect((await as('cour-b').get('/participants/cour-a/waivers/coverage')).body).toMatchObject({ status: 403, code: 'WAIVER.NOT_OWN_COVERAGE' });
    expect((await as('cour-b').get('/participants/cour-a/waivers/coverage/timeline')).body).toMatchObject({ status: 403, code: 'WAIVER.NOT_OWN_COVERAGE' });
    // Refused before the participant is looked up: the same answer whether they exist or not.
    for (const participantId of ['cour-a', 'nobody']) {
      const refused = await as('coordinator').get(`/participants/${participantId}/waivers/coverage`);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(refused.body).toMatchObject({ status: 403, code: 'WAIVER.NOT_OWN_COVERAGE', detail: expect.stringContaining('Coordinator coord-1') });
      expect((await as('cour-b').get(`/participants/${participantId}/waivers/coverage/timeline`)).body).toMatchObject({ status: 403, code: 'WAIVER.NOT_OWN_COVERAGE' });
    }
    expect((await as('coordinator').get('/participants/coord-1/waivers/coverage')).body).toMatchObject({ participantId: 'coord-1', covered: false, reason: 'never-signed' });
    expect((await as('coordinator').get('/participants/coord-1/waivers/coverage/timeline')).body).toEqual({ participantId: 'coord-1', intervals: [], gaps: [] });
    expect((await as('retailer').get('/participants/cour-a/waivers/coverage')).body).toMatchObject({ status: 403, code: 'AUTH.ROLE_NOT_ALLOWED' });
    expect((await as('retailer').get('/participants/cour-a/waivers/coverage/timeline')).body).toMatchObject({ status: 403, code: 'AUTH.ROLE_NOT_ALLOWED' });
    expect((await api.call('GET', '/participants/cour-a/waivers/coverage/timeline')).status).toBe(401);
    for (const instant of ['yesterday', '2025-02-30T00:00:00Z', '2025-03-01T10:00:00+01:00']) {
      const bad = await as('insurer').get(`/participants/cour-a/waivers/coverage?at=${encodeURIComponent(instant)}`);
      expect(bad.status).toBe(400);
      expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(JSON.stringify(bad.body)).toContain('at');
    }
    expect((await as('admin').get('/participants/cour-a/waivers/coverage?asOf=2025-01-01T00:00:00Z')).status).toBe(400);
    for (const path of ['/participants/nobody/waivers/coverage', '/participants/nobody/waivers/coverage/timeline']) {
      const unknown = await as('auditor').get(path);
      expect(unknown.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(unknown.body).toMatchObject({ status: 404, code: 'WAIVER.PARTICIPANT_NOT_FOUND', detail: expect.stringContaining('nobody') });
    }
  });

  it('a collective that requires waivers lets the signed courier take custody and refuses the unsigned one', async () => {
    const accepted = await acceptAs('cour-a', 'p-signed');
    expect(accepted.status).toBe(200);
    const events = [];
    for await (const { event } of api.events.readStream('parcel-p-signed')) events.push(event!);
    // The waiver in effect, with the terms an insurer reads later (ParcelHandoffAccepted v2, ADR 0025).
    const acceptance = events.find((event) => event.type === 'ParcelHandoffAccepted')!;
    expect(acceptance.metadata).toMatchObject({ schemaVersion: 2 });
    expect(acceptance.data).toMatchObject({
      waiver: {
        waiverId: 'w-a-1',
        templateId: 'courier-general',
        templateVersion: 1,
        textHash: hash('3a'),
        liabilityCap: { amountMinor: 20_000, currency: 'USD' },
        grossNegligenceClause: { included: true, clauseTextHash: hash('5c') },
      },
    });
    // The custody chain shows it on the courier's segment: the insurer reads the cap without asking the waivers context.
    const chain = await api.call('GET', `/parcels/p-signed/custody-chain?position=${accepted.body.position}`, { key: keys.insurer });
    expect(chain.status).toBe(200);
    expect(chain.body.segments.map((segment: { holder: { id: string }; waiver: { waiverId: string } | null }) => [segment.holder.id, segment.waiver?.waiverId ?? null])).toEqual([
      ['ret-1', null],
      ['hub-1', null],
      ['cour-a', 'w-a-1'],
    ]);
    expect(chain.body.segments[2].waiver).toMatchObject({ templateId: 'courier-general', templateVersion: 1, liabilityCap: { amountMinor: 20_000, currency: 'USD' } });

    const refused = await acceptAs('cour-b', 'p-unsigned');
    expect(refused.body).toMatchObject({ status: 422, code: 'PARCEL.WAIVER_REQUIRED', detail: expect.stringContaining('(none)') });
  });

  it('a revoked waiver no longer covers: only its signer or an admin revokes it, and custody refuses the courier', async () => {
    expect((await as('cour-b').post('/participants/cour-a/waivers/w-a-1/revoke', { reason: 'withdrawn-by-participant' })).body).toMatchObject({ status: 404, code: 'WAIVER.NOT_FOUND' });
    expect((await as('cour-a').post('/participants/cour-a/waivers/w-a-1/revoke', { reason: 'because' })).status).toBe(400);
    const revoked = await as('cour-a').post('/participants/cour-a/waivers/w-a-1/revoke', { reason: 'withdrawn-by-participant' });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ recorded: ['WaiverRevoked'] });
    position = revoked.body.position;
    expect((await as('cour-a').get(after('/participants/cour-a/waivers/coverage'))).body).toMatchObject({ covered: false, reason: 'revoked', waiverId: 'w-a-1' });
    const timeline = (await as('insurer').get(after('/participants/cour-a/waivers/coverage/timeline'))).body;
    expect(timeline.intervals).toEqual([expect.objectContaining({ waiverId: 'w-a-1', endsBecause: 'revoked' })]);
    expect(timeline.gaps).toEqual([{ from: timeline.intervals[0].until, until: null, reason: 'revoked', waiverId: 'w-a-1' }]);
    expect((await acceptAs('cour-a', 'p-revoked')).body).toMatchObject({ status: 422, code: 'PARCEL.WAIVER_REQUIRED', detail: expect.stringContaining('(revoked)') });
  });

  it('an admin records a paper waiver for a courier, and retiring its version uncovers them', async () => {
    const paper = await sign('admin', 'cour-b', { waiverId: 'w-b-paper' });
    expect(paper.body).toMatchObject({ recorded: ['WaiverSigned'] });
    position = paper.body.position;
    expect((await as('cour-b').get(after('/participants/cour-b/waivers/coverage'))).body).toMatchObject({ covered: true, waiverId: 'w-b-paper' });
    expect((await as('cour-b').post('/waiver-templates/courier-general/versions/1/retire', { reason: 'clause wording withdrawn' })).body).toMatchObject({ status: 403 });
    expect((await as('admin').post('/waiver-templates/courier-general/versions/one/retire', { reason: 'x' })).status).toBe(400);
    const retired = await as('admin').post('/waiver-templates/courier-general/versions/1/retire', { reason: 'clause wording withdrawn' });
    expect(retired.body).toMatchObject({ recorded: ['WaiverTemplateVersionRetired'] });
    position = retired.body.position;
    expect((await as('auditor').get(after('/participants/cour-b/waivers/coverage'))).body).toMatchObject({ covered: false, reason: 'version-retired' });
    expect((await as('auditor').get(after('/participants/cour-b/waivers/coverage/timeline'))).body.intervals).toEqual([
      expect.objectContaining({ waiverId: 'w-b-paper', endsBecause: 'version-retired' }),
    ]);
    expect((await sign('cour-a', 'cour-a', { waiverId: 'w-a-2' })).body).toMatchObject({ status: 409, code: 'WAIVER.VERSION_RETIRED' });
  });

  it('documents the routes in OpenAPI with the $200 example', async () => {
    const openapi = await api.call('GET', '/docs-json');
    expect(Object.keys(openapi.body.paths)).toEqual(
      expect.arrayContaining([
        '/waiver-templates/{templateId}/versions',
        '/participants/{participantId}/waivers',
        '/participants/{participantId}/waivers/coverage',
        '/participants/{participantId}/waivers/coverage/timeline',
      ]),
    );
    const examples = openapi.body.paths['/waiver-templates/{templateId}/versions'].post.requestBody.content['application/json'].examples;
    expect(JSON.stringify(examples)).toContain('"amountMinor":20000');
    const chainExamples = openapi.body.paths['/parcels/{parcelId}/custody-chain'].get.responses['200'].content['application/json'].examples;
    expect(JSON.stringify(chainExamples)).toContain('"liabilityCap":{"amountMinor":20000,"currency":"USD"}');
  });
});
