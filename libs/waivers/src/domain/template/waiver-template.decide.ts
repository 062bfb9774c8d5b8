import { isBefore, isUtcInstant, laterOf, normaliseInstant } from '../shared/instant';
import { hasDuplicates, isJurisdiction, isNonEmptyId, isSha256, isValidMoney, isVocabularyWord } from '../shared/values';
import { waiverErrors } from '../shared/waiver.errors';
import type { PublishWaiverTemplateVersion, RetireWaiverTemplateVersion, WaiverTemplateCommand } from './waiver-template.commands';
import type { WaiverTemplateEvent, WaiverTemplateVersionTerms } from './waiver-template.events';
import { versionOf, type WaiverTemplate } from './waiver-template.state';

const MAX_REASON_LENGTH = 500;

/**
 * A template's versions are published in order and never edited: new terms are the next version.
 * A version may be retired (no new signatures, and its signatures stop covering when recorded).
 */
export const decide = (command: WaiverTemplateCommand, state: WaiverTemplate): WaiverTemplateEvent[] => {
  switch (command.type) {
    case 'PublishWaiverTemplateVersion':
      return publish(command, state);
    case 'RetireWaiverTemplateVersion':
      return retire(command, state);
    default: {
      const _never: never = command;
      return _never;
    }
  }
};

function publish(command: PublishWaiverTemplateVersion, state: WaiverTemplate): WaiverTemplateEvent[] {
  const { templateId, version, adminId } = command;
  const subject = `waiver template ${templateId}`;
  if (!isNonEmptyId(templateId)) throw waiverErrors.invalidDetails('waiver template', 'templateId', 'must not be empty');
  if (!Number.isSafeInteger(version) || version < 1) throw waiverErrors.invalidDetails(subject, 'version', 'must be a whole number, at least 1');
  const terms = validTerms(subject, command);
  const published = versionOf(state, version);
  if (published) {
    if (sameTerms(published, terms)) return [];
    throw waiverErrors.versionAlreadyPublished(templateId, version);
  }
  const expected = state.status === 'published' ? state.versions.length + 1 : 1;
  if (version !== expected) throw waiverErrors.versionOutOfSequence(templateId, version, expected);
  if (!isNonEmptyId(adminId)) throw waiverErrors.invalidDetails(subject, 'adminId', 'must not be empty');
  if (!isUtcInstant(command.publishedAt)) throw waiverErrors.invalidDetails(subject, 'publishedAt', 'must be a UTC ISO-8601 instant');
  const publishedAt = normaliseInstant(command.publishedAt);
  return [{ type: 'WaiverTemplateVersionPublished', data: { templateId, version, ...terms, publishedBy: adminId, publishedAt } }];
}

function retire(command: RetireWaiverTemplateVersion, state: WaiverTemplate): WaiverTemplateEvent[] {
  const { templateId, version, reason, adminId } = command;
  if (state.status !== 'published') throw waiverErrors.templateNotFound(templateId);
  const retiring = versionOf(state, version);
  if (!retiring) throw waiverErrors.versionNotFound(templateId, version);
  if (retiring.retired) return [];
  const subject = `waiver template ${templateId} version ${version}`;
  if (typeof reason !== 'string' || reason.trim() === '' || reason.length > MAX_REASON_LENGTH) throw waiverErrors.invalidDetails(subject, 'reason', `must be 1 to ${MAX_REASON_LENGTH} characters`);
  if (!isNonEmptyId(adminId)) throw waiverErrors.invalidDetails(subject, 'adminId', 'must not be empty');
  if (!isUtcInstant(command.retiredAt)) throw waiverErrors.invalidDetails(subject, 'retiredAt', 'must be a UTC ISO-8601 instant');
  // The server's time, never before the publication it ends (a clock a little behind another node's).
  const retiredAt = laterOf(retiring.publishedAt, normaliseInstant(command.retiredAt));
  return [{ type: 'WaiverTemplateVersionRetired', data: { templateId, version, reason, retiredBy: adminId, retiredAt } }];
}

/** The terms checked, in their stored spelling (instants normalised). */
function validTerms(subject: string, terms: WaiverTemplateVersionTerms): WaiverTemplateVersionTerms {
  const { textHash, liabilityCap, grossNegligenceClause, jurisdiction, participantKinds, parcelCategories, effectiveFrom, effectiveUntil } = terms;
  const invalid = (field: string, why: string) => waiverErrors.invalidDetails(subject, field, why);
  if (!isSha256(textHash)) throw invalid('textHash', 'must be sha256: and 64 lowercase hex digits');
  if (!isValidMoney(liabilityCap)) throw invalid('liabilityCap', 'must be a whole, non-negative amount of minor units with an ISO 4217 currency');
  if (!grossNegligenceClause || typeof grossNegligenceClause.included !== 'boolean') throw invalid('grossNegligenceClause', 'must say whether the clause is included');
  if (grossNegligenceClause.included && !isSha256(grossNegligenceClause.clauseTextHash)) throw invalid('grossNegligenceClause.clauseTextHash', 'must be sha256: and 64 lowercase hex digits');
  if (!isJurisdiction(jurisdiction)) throw invalid('jurisdiction', 'must be an ISO 3166 country code, optionally with a subdivision (US-CA)');
  if (!Array.isArray(participantKinds) || participantKinds.length === 0 || !participantKinds.every(isVocabularyWord) || hasDuplicates(participantKinds))
    throw invalid('participantKinds', 'must name at least one participant kind, each once, in lowercase words');
  if (parcelCategories !== 'any' && (!Array.isArray(parcelCategories) || parcelCategories.length === 0 || !parcelCategories.every(isVocabularyWord) || hasDuplicates(parcelCategories)))
    throw invalid('parcelCategories', "must be 'any' or name at least one parcel category, each once, in lowercase words");
  if (!isUtcInstant(effectiveFrom)) throw invalid('effectiveFrom', 'must be a UTC ISO-8601 instant');
  if (effectiveUntil !== undefined && !isUtcInstant(effectiveUntil)) throw invalid('effectiveUntil', 'must be a UTC ISO-8601 instant');
  if (effectiveUntil !== undefined && !isBefore(effectiveFrom, effectiveUntil)) throw invalid('effectiveUntil', 'must be after effectiveFrom');
  return {
    textHash,
    liabilityCap: { amountMinor: liabilityCap.amountMinor, currency: liabilityCap.currency },
    grossNegligenceClause: grossNegligenceClause.included ? { included: true, clauseTextHash: grossNegligenceClause.clauseTextHash } : { included: false },
    jurisdiction,
    participantKinds: [...participantKinds],
    parcelCategories: parcelCategories === 'any' ? 'any' : [...parcelCategories],
    effectiveFrom: normaliseInstant(effectiveFrom),
    ...(effectiveUntil === undefined ? {} : { effectiveUntil: normaliseInstant(effectiveUntil) }),
  };
}

/** Field by field (not by serialisation): a state replayed from the store may order keys differently. */
function sameTerms(a: WaiverTemplateVersionTerms, b: WaiverTemplateVersionTerms): boolean {
  const sameList = (x: readonly string[] | 'any', y: readonly string[] | 'any') => (x === 'any' || y === 'any' ? x === y : x.length === y.length && x.every((item, i) => item === y[i]));
  const clauseHash = (terms: WaiverTemplateVersionTerms) => (terms.grossNegligenceClause.included ? terms.grossNegligenceClause.clauseTextHash : null);
  return (
    a.textHash === b.textHash &&
    a.liabilityCap.amountMinor === b.liabilityCap.amountMinor &&
    a.liabilityCap.currency === b.liabilityCap.currency &&
    clauseHash(a) === clauseHash(b) &&
    a.jurisdiction === b.jurisdiction &&
    sameList(a.participantKinds, b.participantKinds) &&
    sameList(a.parcelCategories, b.parcelCategories) &&
    a.effectiveFrom === b.effectiveFrom &&
    a.effectiveUntil === b.effectiveUntil
  );
}
