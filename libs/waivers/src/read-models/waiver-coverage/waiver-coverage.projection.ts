/**
 * The waiver coverage read model: what coverage is computed from, as documents — one per template
 * version (its terms, and its retirement once retired) and one per signature (its facts, and its
 * supersession or revocation once recorded). The coverage at T and the timeline with its reasons
 * are computed when read, by the same pure functions custody's check uses (waiver-coverage.ts),
 * so the read model and the write side cannot disagree, and expiry needs no event and no timer:
 * each signature's expiry is stored, and the query at T decides.
 *
 * Why not store the timeline itself: a version's retirement changes the timeline of every
 * participant who signed it, and a projection's handler sees one event and addresses documents by
 * id. Stored as facts, each event changes exactly one document, by `$set` alone, so applying an
 * event twice (a replay after a crash) changes nothing.
 */
import type { RecordedEnvelope } from '@handoff/eventstore';
import { defineProjection, upsert } from '@handoff/projections';
import type { ProjectionHandlers } from '@handoff/projections';
import type { WaiverSigningEvent } from '../../domain/signing/waiver-signing.events';
import type { WaiverTemplateEvent } from '../../domain/template/waiver-template.events';

export const WAIVER_SIGNATURES = 'waiverSignatures';
export const WAIVER_TEMPLATE_VERSIONS = 'waiverTemplateVersions';

type WaiverEvent = WaiverSigningEvent | WaiverTemplateEvent;
type Envelope<T extends WaiverEvent['type']> = RecordedEnvelope<Extract<WaiverEvent, { type: T }>>;

/** A signature's document id: ids are unique per participant only, and JSON keeps any two apart whatever characters they hold. */
export const signatureKey = (participantId: string, waiverId: string): string => JSON.stringify([participantId, waiverId]);

export const versionKey = (templateId: string, version: number): string => JSON.stringify([templateId, version]);

const handlers: ProjectionHandlers<WaiverEvent> = {
  WaiverTemplateVersionPublished: (event: Envelope<'WaiverTemplateVersionPublished'>) => {
    const { publishedBy: _admin, ...version } = event.data;
    return [upsert(WAIVER_TEMPLATE_VERSIONS, versionKey(version.templateId, version.version), { $set: version })];
  },
  WaiverTemplateVersionRetired: (event: Envelope<'WaiverTemplateVersionRetired'>) => {
    const { templateId, version, retiredAt, reason } = event.data;
    return [upsert(WAIVER_TEMPLATE_VERSIONS, versionKey(templateId, version), { $set: { templateId, version, retired: { retiredAt, reason } } })];
  },
  WaiverSigned: (event: Envelope<'WaiverSigned'>) => {
    // `revision` in the participant's stream: the signing order coverage reads them in.
    const { backdated: _backdated, ...signature } = event.data;
    return [upsert(WAIVER_SIGNATURES, signatureKey(signature.participantId, signature.waiverId), { $set: { ...signature, revision: Number(event.revision) } })];
  },
  WaiverSuperseded: (event: Envelope<'WaiverSuperseded'>) => {
    const { participantId, waiverId, supersededBy, supersededFrom } = event.data;
    return [upsert(WAIVER_SIGNATURES, signatureKey(participantId, waiverId), { $set: { participantId, waiverId, superseded: { by: supersededBy, from: supersededFrom } } })];
  },
  WaiverRevoked: (event: Envelope<'WaiverRevoked'>) => {
    const { participantId, waiverId, revokedAt, revokedBy, reason } = event.data;
    return [upsert(WAIVER_SIGNATURES, signatureKey(participantId, waiverId), { $set: { participantId, waiverId, revoked: { revokedAt, revokedBy, reason } } })];
  },
};

export const waiverCoverageProjection = defineProjection<WaiverEvent>({
  name: 'waiver-coverage',
  version: 1,
  collections: {
    [WAIVER_SIGNATURES]: { indexes: [{ key: { participantId: 1, revision: 1 }, name: 'participantId_revision' }] },
    [WAIVER_TEMPLATE_VERSIONS]: {},
  },
  handlers,
});
