import { Inject, Injectable } from '@nestjs/common';
import { AggregateRepository } from '@handoff/eventstore';
import { normaliseInstant, type Instant } from '../domain/shared/instant';
import { WAIVER_SIGNERS, waiverKindOf, type WaiverSignerDirectory } from '../domain/shared/signer-directory.port';
import { waiverErrors } from '../domain/shared/waiver.errors';
import { waiverSigningDecider } from '../domain/signing/waiver-signing.decider';
import type { WaiverSignatures } from '../domain/signing/waiver-signing.state';
import { coverageAt, coverageTimeline, type Coverage, type CoverageInterval, type CoverageSubject } from '../domain/waiver-coverage/waiver-coverage';
import { waiverTemplateDecider } from '../domain/template/waiver-template.decider';
import { templateVersionsOf, versionOf, type TemplateVersionLookup, type WaiverTemplateVersion } from '../domain/template/waiver-template.state';
import { waiverStreams } from './waiver-streams';

/** A participant's signatures, the versions they name and the participant's kind, as the write side knows them now. */
export interface SignerRecord {
  participantId: string;
  participantKind: string;
  signatures: WaiverSignatures;
  versions: TemplateVersionLookup;
}

/**
 * Reads what waiver commands and coverage are judged on, each from the stream that owns it
 * (through the aggregate cache): a template's versions, a participant's signatures, and the
 * participant's kind through the port waivers owns (WAIVER_SIGNERS). No read model sits between a
 * signature or a handoff and the facts it is judged on, so a handoff accepted just after a
 * signature sees it.
 */
@Injectable()
export class WaiverRecords {
  constructor(
    private readonly repository: AggregateRepository,
    @Inject(WAIVER_SIGNERS) private readonly signers: WaiverSignerDirectory,
  ) {}

  /** The version as its template's stream knows it now, or null when there is none. */
  async templateVersion(templateId: string, version: number): Promise<WaiverTemplateVersion | null> {
    const { state } = await this.repository.load(waiverTemplateDecider, waiverStreams.template(templateId));
    return versionOf(state, version) ?? null;
  }

  /** The participant's kind in the words versions list (WAIVER.PARTICIPANT_NOT_FOUND, 404, when there is no such participant). */
  async participantKind(participantId: string): Promise<string> {
    const participant = await this.signers.find(participantId);
    if (!participant) throw waiverErrors.participantNotFound(participantId);
    return waiverKindOf(participant);
  }

  /** Everything coverage needs for one participant: their signatures folded, and every template they name. */
  async signer(participantId: string): Promise<SignerRecord> {
    const [participantKind, { state: signatures }] = await Promise.all([this.participantKind(participantId), this.repository.load(waiverSigningDecider, waiverStreams.signatures(participantId))]);
    const templateIds = signatures.status === 'signed' ? [...new Set(signatures.signatures.map((signature) => signature.templateId))] : [];
    const templates = await Promise.all(templateIds.map(async (templateId) => (await this.repository.load(waiverTemplateDecider, waiverStreams.template(templateId))).state));
    return { participantId, participantKind, signatures, versions: templateVersionsOf(templates) };
  }

  /** Coverage at an instant, for the participant's kind now and, when given, a parcel's categories. */
  async coverageAt(participantId: string, at: Instant, parcelCategory?: CoverageSubject['parcelCategory']): Promise<Coverage> {
    return (await this.coverageWithTermsAt(participantId, at, parcelCategory)).coverage;
  }

  /** Coverage at an instant and, when covered, the covering version's full terms (its gross-negligence clause is not on the signature). */
  async coverageWithTermsAt(participantId: string, at: Instant, parcelCategory?: CoverageSubject['parcelCategory']): Promise<{ coverage: Coverage; terms?: WaiverTemplateVersion }> {
    const record = await this.signer(participantId);
    const coverage = coverageAt(record.signatures, record.versions, normaliseInstant(at), subjectOf(record, parcelCategory));
    return coverage.covered ? { coverage, terms: record.versions(coverage.templateId, coverage.version) } : { coverage };
  }

  /** Every stretch of coverage the participant's signatures give, in order. */
  async coverageTimeline(participantId: string, parcelCategory?: CoverageSubject['parcelCategory']): Promise<CoverageInterval[]> {
    const record = await this.signer(participantId);
    return coverageTimeline(record.signatures, record.versions, subjectOf(record, parcelCategory));
  }
}

function subjectOf(record: SignerRecord, parcelCategory: CoverageSubject['parcelCategory']): CoverageSubject {
  return parcelCategory === undefined ? { participantKind: record.participantKind } : { participantKind: record.participantKind, parcelCategory };
}
