import { CommandDispatcher, CommandNotAllowedError } from '@handoff/commands';
import { AggregateRepository, EventStore } from '@handoff/eventstore';
import type { Command, CommandActor } from '@handoff/kernel';
import { Metrics } from '@handoff/shared';
import { type ParticipantProfile, participantDecider, ParticipantDirectory, participantStreams } from '@handoff/participants';
import {
  type PublishWaiverTemplateVersionCommand,
  type RevokeWaiverCommand,
  type SignWaiverCommand,
  WAIVER_SIGNERS,
  WaiverCoverageFromSignatures,
  waiverHandlings,
  WaiverRecords,
} from '@handoff/waivers';
import { useEventStoreTestingModule } from '../support/event-store-testing-module';

jest.setTimeout(60_000);

const NOW = '2025-05-01T10:00:00.000Z';
const HOUR = 3_600_000;
const hash = (digits: string) => `sha256:${digits.repeat(64 / digits.length)}`;
const PARTICIPANTS: [string, ParticipantProfile][] = [
  ['c-vol', { kind: 'courier', displayName: 'Alex', engagement: { kind: 'volunteer' }, vetting: 'unvetted' }],
  ['c-paid', { kind: 'courier', displayName: 'Sam', engagement: { kind: 'paid' }, vetting: 'vetted' }],
  ['c-gig', { kind: 'courier', displayName: 'Kim', engagement: { kind: 'gig', platform: 'Zoomy' }, vetting: 'vetted' }],
  ['c-fragile', { kind: 'courier', displayName: 'Jo', engagement: { kind: 'paid' }, vetting: 'vetted' }],
];
const admin: CommandActor = { role: 'admin', id: 'admin-1' };
const courier = (id: string): CommandActor => ({ role: 'courier', id });

const issued = <C extends Command>(type: C['type'], data: C['data'], actor: CommandActor, extra: { occurredAt?: string; idempotencyKey?: string } = {}): C =>
  ({ type, data, metadata: { actor, now: NOW, correlationId: 'corr-1', causationId: 'cause-1', ...extra } }) as C;

const terms = (version: number, overrides: Partial<PublishWaiverTemplateVersionCommand['data']> = {}): PublishWaiverTemplateVersionCommand['data'] => ({
  templateId: 'general',
  version,
  textHash: hash(String(version)),
  liabilityCap: { amountMinor: 20_000, currency: 'USD' },
  grossNegligenceClause: { included: false },
  jurisdiction: 'US',
  participantKinds: ['volunteer', 'paid'],
  parcelCategories: 'any',
  effectiveFrom: '2025-01-01T00:00:00Z',
  ...overrides,
});
const signing = (participantId: string, waiverId: string, overrides: Partial<SignWaiverCommand['data']> = {}): SignWaiverCommand['data'] => ({
  participantId,
  waiverId,
  templateId: 'general',
  version: 1,
  signatureEvidence: hash('e'),
  expiresAt: '2026-05-01T00:00:00Z',
  ...overrides,
});

describe('waiver commands are data on the one dispatcher, judged on the streams (issue 19)', () => {
  const embedded = useEventStoreTestingModule({ providers: [WaiverRecords, WaiverCoverageFromSignatures, ParticipantDirectory, { provide: WAIVER_SIGNERS, useExisting: ParticipantDirectory }] });
  let dispatcher: CommandDispatcher;
  let store: EventStore;
  let custodyPort: WaiverCoverageFromSignatures;
  const streamLength = async (stream: string) => (await store.readStream(stream).catch(() => ({ events: [] }))).events.length;

  beforeAll(async () => {
    const repository = embedded.module.get(AggregateRepository);
    store = embedded.module.get(EventStore);
    custodyPort = embedded.module.get(WaiverCoverageFromSignatures);
    dispatcher = new CommandDispatcher(repository, new Metrics({ defaultMetrics: false })).register(
      ...waiverHandlings(embedded.module.get(WaiverRecords), { maxSkewMs: 300_000, backfillWindowMs: 72 * HOUR }),
    );
    for (const [participantId, profile] of PARTICIPANTS) {
      const context = { correlationId: 'setup', causationId: 'setup', actor: { kind: 'admin' as const, id: 'admin-1' } };
      await repository.handleCommand(participantDecider, participantStreams.participant(participantId), { type: 'RegisterParticipant', participantId, profile, registeredAt: NOW }, context);
    }
  });

  it('publishes versions as an admin only, recording who and when from the metadata', async () => {
    await expect(dispatcher.dispatch(issued<PublishWaiverTemplateVersionCommand>('PublishWaiverTemplateVersion', terms(1), courier('c-vol')))).rejects.toBeInstanceOf(CommandNotAllowedError);
    expect(await dispatcher.dispatch(issued<PublishWaiverTemplateVersionCommand>('PublishWaiverTemplateVersion', terms(1), admin))).toMatchObject({
      streamName: 'waivertemplate-general',
      recorded: ['WaiverTemplateVersionPublished'],
      created: { templateId: 'general', version: '1' },
    });
    const [published] = (await store.readStream('waivertemplate-general')).events;
    expect(published!.data).toMatchObject({ publishedBy: 'admin-1', publishedAt: NOW, textHash: hash('1') });
  });

  it('refuses a courier signing for someone else before reading anything, known participant or not', async () => {
    for (const participantId of ['c-paid', 'nobody']) {
      await expect(dispatcher.dispatch(issued<SignWaiverCommand>('SignWaiver', signing(participantId, 'w-x'), courier('c-vol')))).rejects.toMatchObject({
        code: 'WAIVER.NOT_SIGNER',
        kind: 'forbidden',
      });
      expect(await streamLength(`waiver-${participantId}`)).toBe(0);
    }
    await expect(dispatcher.dispatch(issued<SignWaiverCommand>('SignWaiver', signing('nobody', 'w-x'), admin))).rejects.toMatchObject({ code: 'WAIVER.PARTICIPANT_NOT_FOUND' });
  });

  it("signs with the participant's kind from the participants context: a gig courier is not covered by a volunteer-and-paid version", async () => {
    await expect(dispatcher.dispatch(issued<SignWaiverCommand>('SignWaiver', signing('c-gig', 'w-g'), courier('c-gig')))).rejects.toMatchObject({ code: 'WAIVER.NOT_APPLICABLE' });
    expect(await dispatcher.dispatch(issued<SignWaiverCommand>('SignWaiver', signing('c-vol', 'w-1'), courier('c-vol'), { idempotencyKey: 'k-1' }))).toMatchObject({
      streamName: 'waiver-c-vol',
      recorded: ['WaiverSigned'],
      created: { waiverId: 'w-1' },
    });
    // Once per key, and a repeat of the same signature under a new key changes nothing.
    expect(await dispatcher.dispatch(issued<SignWaiverCommand>('SignWaiver', signing('c-vol', 'w-1'), courier('c-vol'), { idempotencyKey: 'k-1' }))).toMatchObject({ recorded: [], repeated: true });
    expect(await dispatcher.dispatch(issued<SignWaiverCommand>('SignWaiver', signing('c-vol', 'w-1'), courier('c-vol')))).toMatchObject({ recorded: [] });
  });

  it("judges a stated signing time: a courier's older than the backfill window is refused, an admin's paper waiver is recorded backdated", async () => {
    const stated = { occurredAt: '2025-04-01T09:00:00Z' };
    await expect(dispatcher.dispatch(issued<SignWaiverCommand>('SignWaiver', signing('c-paid', 'w-p'), courier('c-paid'), stated))).rejects.toMatchObject({ code: 'WAIVER.BACKFILL_NOT_ALLOWED' });
    expect(await dispatcher.dispatch(issued<SignWaiverCommand>('SignWaiver', signing('c-paid', 'w-p'), admin, stated))).toMatchObject({ recorded: ['WaiverSigned'] });
    const [signed] = (await store.readStream('waiver-c-paid')).events;
    expect(signed!.data).toMatchObject({ signedAt: '2025-04-01T09:00:00.000Z', recordedAt: NOW, backdated: true, signedBy: { kind: 'admin', id: 'admin-1' } });
  });

  it("answers custody's WAIVER_COVERAGE in custody's words, from the streams", async () => {
    // Every term the accepted handoff records: template, version, text hash, cap and clause (ADR 0025).
    expect(await custodyPort.coverageAt('c-vol', NOW)).toEqual({
      covered: true,
      waiverId: 'w-1',
      templateId: 'general',
      templateVersion: 1,
      textHash: hash('1'),
      liabilityCap: { amountMinor: 20_000, currency: 'USD' },
      grossNegligenceClause: { included: false },
    });
    expect(await custodyPort.coverageAt('c-vol', '2025-05-01T09:59:59.999Z')).toEqual({ covered: false, reason: 'none' });
    expect(await custodyPort.coverageAt('c-vol', '2026-05-01T00:00:00Z')).toEqual({ covered: false, reason: 'expired' });
    expect(await custodyPort.coverageAt('c-gig', NOW)).toEqual({ covered: false, reason: 'none' });

    // A version that takes effect later: signed now, valid from then.
    await dispatcher.dispatch(
      issued<PublishWaiverTemplateVersionCommand>(
        'PublishWaiverTemplateVersion',
        terms(1, {
          templateId: 'gig',
          participantKinds: ['gig'],
          effectiveFrom: '2025-06-01T00:00:00Z',
          liabilityCap: { amountMinor: 15_000, currency: 'USD' },
          grossNegligenceClause: { included: true, clauseTextHash: hash('9') },
        }),
        admin,
      ),
    );
    await dispatcher.dispatch(issued<SignWaiverCommand>('SignWaiver', signing('c-gig', 'w-g', { templateId: 'gig' }), courier('c-gig')));
    expect(await custodyPort.coverageAt('c-gig', NOW)).toEqual({ covered: false, reason: 'not-yet-valid' });
    expect(await custodyPort.coverageAt('c-gig', '2025-06-01T00:00:00Z')).toMatchObject({
      covered: true,
      waiverId: 'w-g',
      templateId: 'gig',
      liabilityCap: { amountMinor: 15_000, currency: 'USD' },
      grossNegligenceClause: { included: true, clauseTextHash: hash('9') },
    });
  });

  it("asks about the parcel's categories: a version limited to fragile goods covers a fragile parcel, not one with none", async () => {
    await dispatcher.dispatch(issued<PublishWaiverTemplateVersionCommand>('PublishWaiverTemplateVersion', terms(1, { templateId: 'fragile', parcelCategories: ['fragile'] }), admin));
    await dispatcher.dispatch(issued<SignWaiverCommand>('SignWaiver', signing('c-fragile', 'w-f', { templateId: 'fragile' }), courier('c-fragile')));
    expect(await custodyPort.coverageAt('c-fragile', NOW, ['fragile'])).toMatchObject({ covered: true, waiverId: 'w-f' });
    expect(await custodyPort.coverageAt('c-fragile', NOW, ['fragile', 'perishable'])).toEqual({ covered: false, reason: 'none' });
    expect(await custodyPort.coverageAt('c-fragile', NOW, [])).toEqual({ covered: false, reason: 'none' });
    expect(await custodyPort.coverageAt('c-fragile', NOW)).toMatchObject({ covered: true });
  });

  it("revokes only the participant's own waiver or as an admin; another courier's attempt is answered as an unknown waiver", async () => {
    const revoke = (participantId: string, actor: CommandActor) =>
      dispatcher.dispatch(issued<RevokeWaiverCommand>('RevokeWaiver', { participantId, waiverId: 'w-1', reason: 'withdrawn-by-participant' }, actor));
    await expect(revoke('c-vol', courier('c-paid'))).rejects.toMatchObject({ code: 'WAIVER.NOT_FOUND' });
    expect(await revoke('c-vol', courier('c-vol'))).toMatchObject({ recorded: ['WaiverRevoked'] });
    expect(await custodyPort.coverageAt('c-vol', '2025-05-01T10:00:00.001Z')).toEqual({ covered: false, reason: 'revoked' });
    // A revocation ends coverage at the instant it is recorded (inclusive), here the signing's own instant.
    expect(await custodyPort.coverageAt('c-vol', '2025-05-01T10:00:00Z')).toEqual({ covered: false, reason: 'revoked' });
  });
});
