/**
 * What verification keeps in MongoDB (the read-model database, beside projection checkpoints), so
 * every process sees it: /health on the API reads what the projector's verifier and any process's
 * command path found.
 *
 *   integrity_findings       one per bad event found (by stream and revision), with who found it
 *   integrity_status         the background verifier's checkpoint and full-pass record
 *   integrity_stream_heads   per stream, the revision and hash the next event must follow
 */
import type { Db } from 'mongodb';
import type { IntegrityFinding } from './chain-check';
import type { FindingSource } from './integrity-alarm';

export const FINDINGS = 'integrity_findings';
export const STATUS = 'integrity_status';
export const STREAM_HEADS = 'integrity_stream_heads';
export const BACKGROUND_STATUS_ID = 'background';

export interface FindingRecord extends IntegrityFinding {
  _id: string;
  sources: FindingSource[];
  firstSeenAt: Date;
  lastSeenAt: Date;
}

export interface FullPassRecord {
  startedAt: Date;
  finishedAt: Date | null;
  events: number;
  streams: number;
  findings: number;
}

export interface VerificationStatusRecord {
  _id: string;
  /** `$all` commit position up to which every event was verified incrementally (text), null before the first. */
  checkpoint: string | null;
  eventsVerified: number;
  updatedAt: Date;
  /** The last full pass finished, and the one under way. */
  lastFullPass: FullPassRecord | null;
  currentFullPass: FullPassRecord | null;
  owner: string | null;
}

export interface StreamHeadRecord {
  _id: string;
  /** Revision, as text (bigint). */
  r: string;
  h: string;
  /** The stream failed: its first bad event is a finding, later events are not checked. */
  bad?: true;
}

const findingId = (finding: IntegrityFinding): string => `${finding.stream ?? '$all'}@${finding.revision ?? finding.position ?? '?'}`;

/** Records (or refreshes) a finding; idempotent per stream and revision. */
export async function recordFinding(db: Db, finding: IntegrityFinding, source: FindingSource, at = new Date()): Promise<void> {
  await db
    .collection<FindingRecord>(FINDINGS)
    .updateOne({ _id: findingId(finding) }, { $set: { ...finding, lastSeenAt: at }, $setOnInsert: { firstSeenAt: at }, $addToSet: { sources: source } }, { upsert: true });
}

export async function listFindings(db: Db, limit = 20): Promise<{ count: number; first: FindingRecord[] }> {
  const collection = db.collection<FindingRecord>(FINDINGS);
  const [count, first] = await Promise.all([collection.countDocuments(), collection.find().sort({ firstSeenAt: 1 }).limit(limit).toArray()]);
  return { count, first };
}

/**
 * After a whole full pass: findings not seen again since it started are gone (the stream was
 * restored); findings it saw again stay.
 */
export async function clearFindingsNotSeenSince(db: Db, since: Date): Promise<void> {
  await db.collection<FindingRecord>(FINDINGS).deleteMany({ lastSeenAt: { $lt: since } });
}

export async function readVerificationStatus(db: Db): Promise<VerificationStatusRecord | null> {
  return db.collection<VerificationStatusRecord>(STATUS).findOne({ _id: BACKGROUND_STATUS_ID });
}

/** What /health and /metrics show of verification: read from MongoDB, so any process sees it. */
export interface IntegritySummary {
  /** `failed` while any finding stands; `verifying` before the first full pass ends. */
  state: 'verified' | 'verifying' | 'failed';
  /** `$all` commit position verified incrementally (text), null before the first page. */
  verifiedPosition: string | null;
  eventsVerified: number;
  lastFullPass: FullPassRecord | null;
  currentFullPass: FullPassRecord | null;
  findings: number;
  /** The first findings (oldest first), each naming stream, revision, event id and problem. */
  failures: Omit<FindingRecord, '_id'>[];
}

/** The getter for /health and /metrics. */
export async function readIntegritySummary(db: Db): Promise<IntegritySummary> {
  const [status, { count, first }] = await Promise.all([readVerificationStatus(db), listFindings(db, 10)]);
  const state = count > 0 ? 'failed' : status?.lastFullPass ? 'verified' : 'verifying';
  return {
    state,
    verifiedPosition: status?.checkpoint?.split(':')[0] ?? null,
    eventsVerified: status?.eventsVerified ?? 0,
    lastFullPass: status?.lastFullPass ?? null,
    currentFullPass: status?.currentFullPass ?? null,
    findings: count,
    failures: first.map(({ _id, ...finding }) => finding),
  };
}
