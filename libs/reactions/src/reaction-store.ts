/**
 * Where a reaction's progress lives in MongoDB: one record per reaction version (its checkpoint,
 * its counts, the error it is stopped on, an admin's skip request) and one record per skipped event.
 * Plain documents and single-document updates: the same on real MongoDB and the embedded server.
 */
import type { SkippedEvent, TrackError } from '@handoff/projections';
import type { Collection, Db } from 'mongodb';

export const REACTIONS = 'reactions';
export const REACTION_SKIPS = 'reaction_skips';

/** `command`: a command it caused failed (not a refusal); `integrity`: the event's hash does not verify; `subscription`: reading `$all` failed. */
export type ReactionError = Omit<TrackError, 'kind'> & { kind: 'command' | 'integrity' | 'subscription' };

export interface ReactionProgress {
  /** Position key of the last event whose commands all completed ('' = none yet). */
  checkpointKey: string;
  /** The same position on the wire (`commit[:prepare]`), for people. */
  checkpoint: string | null;
  caughtUp: boolean;
  /** Events handled, commands issued, refused by their deciders, and found already done (replays after a restart count again). */
  events: number;
  commands: number;
  refused: number;
  repeated: number;
  eventsPerSecond: number;
}

export interface ReactionRecord extends ReactionProgress {
  /** `<name>@v<version>`. */
  _id: string;
  name: string;
  version: number;
  error: ReactionError | null;
  skipRequest?: { eventId: string; by: string; at: Date };
  updatedAt: Date;
}

export interface ReactionSkip extends SkippedEvent {
  _id: string;
  reaction: string;
  version: number;
}

export class ReactionStore {
  readonly records: Collection<ReactionRecord>;
  readonly skips: Collection<ReactionSkip>;

  constructor(db: Db) {
    this.records = db.collection<ReactionRecord>(REACTIONS);
    this.skips = db.collection<ReactionSkip>(REACTION_SKIPS);
  }

  async ensure(id: string, name: string, version: number): Promise<ReactionRecord> {
    await this.records.updateOne(
      { _id: id },
      {
        $setOnInsert: {
          name,
          version,
          checkpointKey: '',
          checkpoint: null,
          caughtUp: false,
          events: 0,
          commands: 0,
          refused: 0,
          repeated: 0,
          eventsPerSecond: 0,
          error: null,
          updatedAt: new Date(),
        },
      },
      { upsert: true },
    );
    return (await this.records.findOne({ _id: id }))!;
  }

  /**
   * Moves the checkpoint to the last event whose commands completed and adds the counts since the
   * last save. Written only after those effects, so a crash before it replays them (their keys make
   * the replay a no-op) and nothing after it is lost.
   */
  async saveProgress(id: string, progress: ReactionProgress): Promise<void> {
    const { checkpointKey, checkpoint, caughtUp, eventsPerSecond, events, commands, refused, repeated } = progress;
    await this.records.updateOne({ _id: id }, { $set: { checkpointKey, checkpoint, caughtUp, eventsPerSecond, error: null, updatedAt: new Date() }, $inc: { events, commands, refused, repeated } });
  }

  async recordError(id: string, error: ReactionError): Promise<void> {
    await this.records.updateOne({ _id: id }, { $set: { error, updatedAt: new Date() } });
  }

  async clearError(id: string): Promise<void> {
    await this.records.updateOne({ _id: id }, { $set: { error: null, updatedAt: new Date() } });
  }

  /** An admin asks a reaction stopped on `eventId` to move past it; refused unless it is stopped on exactly that event. */
  async requestSkip(id: string, eventId: string, by: string): Promise<boolean> {
    const result = await this.records.updateOne({ _id: id, 'error.eventId': eventId }, { $set: { skipRequest: { eventId, by, at: new Date() } } });
    return result.matchedCount === 1;
  }

  async recordSkip(skip: ReactionSkip): Promise<void> {
    await this.skips.updateOne({ _id: skip._id }, { $setOnInsert: skip }, { upsert: true });
    await this.records.updateOne({ _id: `${skip.reaction}@v${skip.version}` }, { $unset: { skipRequest: '' } });
  }
}
