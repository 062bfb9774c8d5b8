import { isBefore, laterOf, millisecondsBetween, type Instant } from './instant';

/**
 * The time a signer states for a signature, judged as custody judges a custody fact's (ADR 0008):
 * a phone that signed offline syncs late, so the signature carries when it was signed, but a
 * coverage record an insurer relies on holds no signature from the future, none older than the
 * backfill window except an admin's (a paper waiver typed in later, flagged `backdated`), and none
 * dated before the participant's last waiver fact. The edge reads the clock once and passes it
 * here on the command; nothing in the domain reads a clock.
 */
export interface RecordingClock {
  /** The server's clock. */
  now: Instant;
  /** Whether the client stated the time (`occurredAt`); if not, the command's time is `now`. */
  stated: boolean;
  /** How far ahead of `now` a stated time may be (device clocks run fast). */
  maxSkewMs: number;
  /** How far back a time may be stated by anyone but an admin. */
  backfillWindowMs: number;
}

export type StatedTimeJudgement =
  { verdict: 'accepted'; at: Instant; backdated: boolean } | { verdict: 'in-future'; at: Instant } | { verdict: 'backfill-not-allowed'; at: Instant } | { verdict: 'out-of-order'; at: Instant };

/**
 * A time the server filled in is never dated before the last fact (that fact may have been stated
 * up to the skew ahead of our clock); a stated time is never moved, only accepted or refused.
 */
export function judgeStatedTime(at: Instant, recording: RecordingClock, mayBackfill: boolean, lastFactAt: Instant | undefined): StatedTimeJudgement {
  const dated = recording.stated ? at : laterOf(lastFactAt, at);
  if (millisecondsBetween(dated, recording.now) > recording.maxSkewMs) return { verdict: 'in-future', at: dated };
  const backdated = millisecondsBetween(recording.now, dated) > recording.backfillWindowMs;
  if (backdated && !mayBackfill) return { verdict: 'backfill-not-allowed', at: dated };
  if (lastFactAt !== undefined && isBefore(dated, lastFactAt)) return { verdict: 'out-of-order', at: dated };
  return { verdict: 'accepted', at: dated, backdated };
}
