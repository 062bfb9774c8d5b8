import { deciderSpecification } from '@handoff/testing';
import { at, DAY, hash, publish, published, recorded, TEMPLATE_ID, versionFrom } from '../template/waiver-template.fixtures';
import type { WaiverTemplateVersion } from '../template/waiver-template.state';
import type { SignWaiver } from './waiver-signing.commands';
import { waiverSigningDecider } from './waiver-signing.decider';
import type { WaiverRevoked, WaiverSigned, WaiverSuperseded } from './waiver-signing.events';
import { PARTICIPANT, recording, revoke, sign, signAt } from './waiver-signing.fixtures';
import { signatureOf } from './waiver-signing.state';

const { given } = deciderSpecification(waiverSigningDecider);

const templates = published(publish(), publish(2, { effectiveFrom: at(30 * DAY), liabilityCap: { amountMinor: 25_000, currency: 'USD' } }));
const v1 = versionFrom(templates, 1);
/** Takes effect 30 days in: signing it earlier is allowed, and covers from then. */
const v2 = versionFrom(templates, 2);
const fragile = versionFrom(published(publish(1, { templateId: 'fragile-goods', textHash: hash(77), parcelCategories: ['fragile'] })), 1);

const signatures = (...commands: SignWaiver[]) => recorded(waiverSigningDecider, ...commands);
const YEAR = 365 * DAY;

const signed = (template: WaiverTemplateVersion, minutes: number, overrides: Partial<WaiverSigned['data']> = {}): WaiverSigned => ({
  type: 'WaiverSigned',
  data: {
    participantId: PARTICIPANT,
    waiverId: `waiver-${template.version}`,
    templateId: template.templateId,
    version: template.version,
    textHash: template.textHash,
    liabilityCap: template.liabilityCap,
    signatureEvidence: hash(500 + template.version),
    signedBy: { kind: 'participant', id: PARTICIPANT },
    signedAt: at(minutes),
    recordedAt: at(minutes),
    expiresAt: at(YEAR),
    coverageFrom: at(minutes),
    ...overrides,
  },
});

const superseded = (waiverId: string, by: string, from: number, recordedAt = from): WaiverSuperseded => ({
  type: 'WaiverSuperseded',
  data: { participantId: PARTICIPANT, waiverId, supersededBy: by, supersededFrom: at(from), recordedAt: at(recordedAt) },
});

const revoked = (waiverId: string, minutes: number, overrides: Partial<WaiverRevoked['data']> = {}): WaiverRevoked => ({
  type: 'WaiverRevoked',
  data: { participantId: PARTICIPANT, waiverId, revokedBy: { kind: 'participant', id: PARTICIPANT }, reason: 'withdrawn-by-participant', revokedAt: at(minutes), ...overrides },
});

describe('SignWaiver', () => {
  it('records the signature by ids and hashes only, with the stated and the recorded time, the expiry and the cap signed for', () => {
    const state = given([])
      .when(sign(v1))
      .then([signed(v1, 60)]);
    expect(signatureOf(state, 'waiver-1')?.liabilityCap).toEqual({ amountMinor: 20_000, currency: 'USD' });
  });

  it('keeps the stated time beside the server time when a device synced late, within the window', () => {
    given([])
      .when(sign(v1, { signedAt: at(60), recording: recording(at(60 + 48 * 60)) }))
      .then([signed(v1, 60, { recordedAt: at(60 + 48 * 60) })]);
  });

  it("flags an admin's paper waiver recorded after the backfill window as backdated", () => {
    given([])
      .when(sign(v1, { actor: { kind: 'admin', id: 'admin-1' }, signedAt: at(60), recording: recording(at(60 + 4 * DAY)) }))
      .then([signed(v1, 60, { signedBy: { kind: 'admin', id: 'admin-1' }, recordedAt: at(60 + 4 * DAY), backdated: true })]);
  });

  it('dates a signature the server timed no earlier than the last fact (stated a little ahead)', () => {
    given(signatures(signAt(fragile, 63, { waiverId: 'waiver-fragile', recording: recording(at(60)) })))
      .when(signAt(v1, 61, { recording: recording(at(61), false) }))
      .then([signed(v1, 63, { recordedAt: at(61) })]);
  });

  it('accepts a version signed before it takes effect, covering from its effective time', () => {
    given([])
      .when(signAt(v2, 60))
      .then([signed(v2, 60, { coverageFrom: at(30 * DAY) })]);
  });

  it('supersedes the older version when re-signing a newer one, from the moment the newer one covers', () => {
    const state = given(signatures(signAt(v1, 60)))
      .when(signAt(v2, 20 * DAY))
      .then([signed(v2, 20 * DAY, { coverageFrom: at(30 * DAY) }), superseded('waiver-1', 'waiver-2', 30 * DAY, 20 * DAY)]);
    expect(signatureOf(state, 'waiver-1')?.superseded).toEqual({ by: 'waiver-2', from: at(30 * DAY) });
  });

  it('renews: the same version signed again under a new id supersedes the first signature', () => {
    given(signatures(signAt(v1, 60, { expiresAt: at(40 * DAY) })))
      .when(signAt(v1, 39 * DAY, { waiverId: 'waiver-1b', expiresAt: at(80 * DAY) }))
      .then([signed(v1, 39 * DAY, { waiverId: 'waiver-1b', expiresAt: at(80 * DAY) }), superseded('waiver-1', 'waiver-1b', 39 * DAY)]);
  });

  it('leaves an expired signature as it ended, and a signature of another template alone', () => {
    given(signatures(signAt(v1, 60, { expiresAt: at(10 * DAY) }), signAt(fragile, 61, { waiverId: 'waiver-fragile' })))
      .when(signAt(v2, 31 * DAY))
      .then([signed(v2, 31 * DAY)]);
  });

  it('does nothing when the same signature arrives again, even with a later server time', () => {
    given(signatures(signAt(v1, 60)))
      .when(signAt(v1, 70, { recording: recording(at(70), false) }))
      .thenNothing();
  });

  it('refuses another signature under an id already used', () => {
    given(signatures(signAt(v1, 60)))
      .when(signAt(v1, 70, { signatureEvidence: hash(999) }))
      .thenThrows('WAIVER.ALREADY_SIGNED');
  });

  it('refuses a participant signing for another, and lets an admin record it', () => {
    given([])
      .when(sign(v1, { actor: { kind: 'participant', id: 'courier-8' } }))
      .thenThrows('WAIVER.NOT_SIGNER');
    given([])
      .when(sign(v1, { actor: { kind: 'admin', id: 'admin-1' } }))
      .then([signed(v1, 60, { signedBy: { kind: 'admin', id: 'admin-1' } })]);
  });

  it('refuses a version that does not exist, or is not the one named', () => {
    given([])
      .when(sign(v1, { template: null }))
      .thenThrows('WAIVER.VERSION_NOT_FOUND');
    given([])
      .when(sign(v1, { version: 2 }))
      .thenThrows('WAIVER.VERSION_NOT_FOUND');
  });

  it('refuses a retired version', () => {
    const retired = { ...v1, retired: { retiredAt: at(30), reason: 'flawed' } };
    given([]).when(sign(retired)).thenThrows('WAIVER.VERSION_RETIRED');
  });

  it('refuses a version whose effective period ended', () => {
    const ended = versionFrom(published(publish(1, { effectiveUntil: at(60) })), 1);
    given([]).when(signAt(ended, 60)).thenThrows('WAIVER.VERSION_ENDED');
  });

  it('refuses a signer the version does not apply to', () => {
    given([])
      .when(sign(v1, { participantKind: 'gig' }))
      .thenThrows('WAIVER.NOT_APPLICABLE');
  });

  it('refuses an older version than one signed', () => {
    given(signatures(signAt(v2, 60)))
      .when(signAt(v1, 70, { waiverId: 'waiver-old' }))
      .thenThrows('WAIVER.OLDER_VERSION');
  });

  it('refuses a time ahead of the clock, a participant backfilling, and a time before the last fact', () => {
    given([])
      .when(sign(v1, { signedAt: at(66), recording: recording(at(60)) }))
      .thenThrows('WAIVER.TIME_IN_FUTURE');
    given([])
      .when(sign(v1, { signedAt: at(60), recording: recording(at(60 + 4 * DAY)) }))
      .thenThrows('WAIVER.BACKFILL_NOT_ALLOWED');
    given(signatures(signAt(fragile, 120, { waiverId: 'waiver-fragile' })))
      .when(signAt(v1, 119))
      .thenThrows('WAIVER.TIME_OUT_OF_ORDER');
  });

  it.each([
    ['evidence that is not a hash', { signatureEvidence: 'data:image/png;base64,AAAA' }],
    ['an expiry that does not exist', { expiresAt: '2026-02-29T00:00:00Z' }],
    ['an expiry at the signing time', { expiresAt: at(60) }],
    ['a signing time that is not an instant', { signedAt: 'now' }],
    ['no waiver id', { waiverId: '' }],
  ])('refuses %s', (_, overrides) => {
    given([]).when(sign(v1, overrides)).thenThrows('WAIVER.INVALID_DETAILS');
  });

  it('refuses an expiry before the version takes effect', () => {
    given([])
      .when(signAt(v2, 60, { expiresAt: at(30 * DAY) }))
      .thenThrows('WAIVER.INVALID_DETAILS');
  });
});

describe('RevokeWaiver', () => {
  it('revokes at the server time, by the participant, with a reason code', () => {
    const state = given(signatures(signAt(v1, 60)))
      .when(revoke('waiver-1', 90))
      .then([revoked('waiver-1', 90)]);
    expect(signatureOf(state, 'waiver-1')?.revoked).toEqual({ revokedAt: at(90), revokedBy: { kind: 'participant', id: PARTICIPANT }, reason: 'withdrawn-by-participant' });
  });

  it('lets an admin revoke for cause', () => {
    given(signatures(signAt(v1, 60)))
      .when(revoke('waiver-1', 90, { actor: { kind: 'admin', id: 'admin-1' }, reason: 'evidence-disputed' }))
      .then([revoked('waiver-1', 90, { revokedBy: { kind: 'admin', id: 'admin-1' }, reason: 'evidence-disputed' })]);
  });

  it('never dates a revocation before the last fact', () => {
    given(signatures(signAt(v1, 63, { recording: recording(at(60)) })))
      .when(revoke('waiver-1', 61))
      .then([revoked('waiver-1', 63)]);
  });

  it('also revokes the signature it superseded while that supersession is still to come', () => {
    given(signatures(signAt(v1, 60), signAt(v2, 20 * DAY)))
      .when(revoke('waiver-2', 21 * DAY))
      .then([revoked('waiver-2', 21 * DAY), revoked('waiver-1', 21 * DAY, { withSuccessor: 'waiver-2' })]);
    given(signatures(signAt(v1, 60), signAt(v2, 20 * DAY)))
      .when(revoke('waiver-2', 31 * DAY))
      .then([revoked('waiver-2', 31 * DAY)]);
  });

  it('does nothing when already revoked or already expired', () => {
    given([...signatures(signAt(v1, 60)), revoked('waiver-1', 90)])
      .when(revoke('waiver-1', 100))
      .thenNothing();
    given(signatures(signAt(v1, 60)))
      .when(revoke('waiver-1', YEAR))
      .thenNothing();
  });

  it('answers another participant, and an unknown waiver, as if there were none', () => {
    given(signatures(signAt(v1, 60)))
      .when(revoke('waiver-1', 90, { actor: { kind: 'participant', id: 'courier-8' } }))
      .thenThrows('WAIVER.NOT_FOUND');
    given(signatures(signAt(v1, 60)))
      .when(revoke('waiver-9', 90))
      .thenThrows('WAIVER.NOT_FOUND');
    given([]).when(revoke('waiver-1', 90)).thenThrows('WAIVER.NOT_FOUND');
  });

  it('refuses to revoke a superseded signature: the one that replaced it is revoked instead', () => {
    given(signatures(signAt(v1, 60), signAt(v2, 31 * DAY)))
      .when(revoke('waiver-1', 32 * DAY))
      .thenThrows('WAIVER.SUPERSEDED');
  });

  it('refuses a reason outside the codes, or a time that is not an instant', () => {
    given(signatures(signAt(v1, 60)))
      .when(revoke('waiver-1', 90, { reason: 'John Smith complained' as never }))
      .thenThrows('WAIVER.INVALID_DETAILS');
    given(signatures(signAt(v1, 60)))
      .when(revoke('waiver-1', 90, { revokedAt: '2025-13-01T00:00:00Z' }))
      .thenThrows('WAIVER.INVALID_DETAILS');
  });
});

describe('the template fixture', () => {
  it('is the one the signatures above name', () => {
    expect([v1.templateId, v2.version, fragile.templateId]).toEqual([TEMPLATE_ID, 2, 'fragile-goods']);
  });
});
