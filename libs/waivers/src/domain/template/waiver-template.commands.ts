import type { Instant } from '../shared/instant';
import type { WaiverTemplateVersionTerms } from './waiver-template.events';

/** Publishing and retiring are an admin's (the dispatcher's roles); the domain records who did it. */
export interface PublishWaiverTemplateVersion extends WaiverTemplateVersionTerms {
  type: 'PublishWaiverTemplateVersion';
  templateId: string;
  /** Must be the next one (1 for a new template): a repeat of a published version with the same terms does nothing. */
  version: number;
  adminId: string;
  /** The server's clock. */
  publishedAt: Instant;
}

export interface RetireWaiverTemplateVersion {
  type: 'RetireWaiverTemplateVersion';
  templateId: string;
  version: number;
  reason: string;
  adminId: string;
  /** The server's clock: retirement takes effect when it is recorded. */
  retiredAt: Instant;
}

export type WaiverTemplateCommand = PublishWaiverTemplateVersion | RetireWaiverTemplateVersion;
