import { Injectable } from '@nestjs/common';
import type { Document } from 'mongodb';
import { MARKER_FIELD, ReadModels } from '@handoff/projections';
import { laterOf, normaliseInstant, type Instant } from '../../domain/shared/instant';
import type { Signature, WaiverSignatures } from '../../domain/signing/waiver-signing.state';
import type { TemplateVersionLookup, WaiverTemplateVersion } from '../../domain/template/waiver-template.state';
import { coverageAt, coverageHistory, type Coverage, type CoverageHistory } from '../../domain/waiver-coverage/waiver-coverage';
import { versionKey, WAIVER_SIGNATURES, WAIVER_TEMPLATE_VERSIONS, waiverCoverageProjection } from './waiver-coverage.projection';

/** A stored document without its bookkeeping: what coverage reads. */
const FACTS_ONLY = { _id: 0, revision: 0, [MARKER_FIELD]: 0 };

/**
 * The waiver coverage questions, answered from the `waiver-coverage` read model: a participant's
 * signatures and the versions they name, two reads, folded into the same state the write side
 * folds from the streams and asked through the same pure functions. The participant's kind is the
 * participants context's fact: the caller passes it (the route asks the directory, as the write
 * side does), so both answer for the same kind.
 */
@Injectable()
export class WaiverCoverageQueries {
  constructor(private readonly readModels: ReadModels) {}

  /** At `at`, was the participant covered, by which waiver, version and cap; if not, why not. */
  async coverageAt(participantId: string, participantKind: string, at: Instant): Promise<Coverage> {
    const { signatures, versions } = await this.factsOf(participantId);
    return coverageAt(signatures, versions, normaliseInstant(at), { participantKind });
  }

  /** Every interval of coverage with why it ends, and every gap with why nothing covers. */
  async history(participantId: string, participantKind: string): Promise<CoverageHistory> {
    const { signatures, versions } = await this.factsOf(participantId);
    return coverageHistory(signatures, versions, { participantKind });
  }

  private async factsOf(participantId: string): Promise<{ signatures: WaiverSignatures; versions: TemplateVersionLookup }> {
    const [stored, storedVersions] = await this.readModels.collections([
      [waiverCoverageProjection.name, WAIVER_SIGNATURES],
      [waiverCoverageProjection.name, WAIVER_TEMPLATE_VERSIONS],
    ]);
    const documents = await stored!.find({ participantId }, { sort: { revision: 1 }, projection: { ...FACTS_ONLY, participantId: 0 } }).toArray();
    if (documents.length === 0) return { signatures: { status: 'never-signed' }, versions: () => undefined };
    const signatures = documents as unknown as Signature[];
    const keys = [...new Set(signatures.map((signature) => versionKey(signature.templateId, signature.version)))];
    const versionDocuments = await storedVersions!.find({ _id: { $in: keys as never[] } }, { projection: { [MARKER_FIELD]: 0 } }).toArray();
    return { signatures: signedState(participantId, signatures), versions: lookupOf(versionDocuments) };
  }
}

function signedState(participantId: string, signatures: Signature[]): WaiverSignatures {
  const lastFactAt = signatures.reduce<Instant | undefined>((latest, signature) => laterOf(laterOf(latest, signature.signedAt), signature.revoked?.revokedAt ?? signature.signedAt), undefined)!;
  return { status: 'signed', participantId, signatures, lastFactAt };
}

function lookupOf(documents: Document[]): TemplateVersionLookup {
  const byKey = new Map(documents.map(({ _id, ...version }) => [_id as string, version as WaiverTemplateVersion]));
  return (templateId, version) => byKey.get(versionKey(templateId, version));
}
