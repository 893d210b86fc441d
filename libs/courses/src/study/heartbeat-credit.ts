import { BadUserInputException } from '@qinglian/common';
import { CreditReason } from '../course.enums';

/** What the player last reported in one playback session, with the server's time of arrival. */
export interface PlaybackState {
  seq: number;
  position: number;
  rate: number;
  visible: boolean;
  idle: boolean;
  clientMs: number;
  serverMs: number;
}

/** One heartbeat from the player. */
export interface Heartbeat {
  /** Numbered 1, 2, 3... within the playback session; a number already seen is a replay. */
  seq: number;
  /** Seconds into the film. */
  position: number;
  playbackRate: number;
  /** The page is visible (not a background tab, not a locked screen). */
  visible: boolean;
  /** The player's presence check went unanswered. */
  idle: boolean;
  /** The player's clock, milliseconds since the epoch. */
  clientMs: number;
}

export interface CreditRules {
  durationSeconds: number;
  /** Playback faster than this is credited at this rate (1.5). */
  maxCreditedRate: number;
  /** Heartbeats further apart than this credit nothing in between. */
  maxGapMs: number;
}

export interface Assessment {
  reason: CreditReason;
  /** The stretch of the film [from, to] in seconds newly watched, before removing seconds watched earlier. */
  segment: { from: number; to: number } | null;
  /** Whether the heartbeat becomes the session's latest state (false for replays). */
  accepted: boolean;
}

export const MIN_PLAYBACK_RATE = 0.25;
export const MAX_PLAYBACK_RATE = 16;
/** Timers in browsers drift; allow 5% more content than wall time below the rate cap. */
const JITTER = 1.05;
/** A position further than this beyond the elapsed time (at the reported rate) is a jump. */
const JUMP_TOLERANCE = 1.25;
const JUMP_SLACK_SECONDS = 1;
const MAX_CLOCK_SKEW_MS = 24 * 3600_000;

/** Refuses values no real player sends, each naming the field. */
export function validateHeartbeat(beat: Heartbeat, rules: Pick<CreditRules, 'durationSeconds'>, serverMs: number): void {
  if (!Number.isInteger(beat.seq) || beat.seq < 1 || beat.seq > 1_000_000_000) {
    throw BadUserInputException.field('seq', 'must be a whole number from 1, counting up within the playback');
  }
  if (!Number.isFinite(beat.position) || beat.position < 0 || beat.position > rules.durationSeconds + 0.5) {
    throw BadUserInputException.field('position', `must be between 0 and the film's duration (${rules.durationSeconds} s)`);
  }
  if (!Number.isFinite(beat.playbackRate) || beat.playbackRate < MIN_PLAYBACK_RATE || beat.playbackRate > MAX_PLAYBACK_RATE) {
    throw BadUserInputException.field('playbackRate', `must be between ${MIN_PLAYBACK_RATE} and ${MAX_PLAYBACK_RATE}`);
  }
  if (!Number.isFinite(beat.clientMs) || Math.abs(beat.clientMs - serverMs) > MAX_CLOCK_SKEW_MS) {
    throw BadUserInputException.field('clientTime', "is more than a day away from the server's clock");
  }
}

/**
 * Decides how much of the film one heartbeat proves was watched, from the
 * previous heartbeat of the same playback:
 * - only time between two visible, non-idle heartbeats at most maxGapMs apart;
 * - elapsed time is the smaller of the server's and the player's measure;
 * - a position that moved further than the elapsed time at the reported rate
 *   allows is a jump and earns nothing;
 * - at most maxCreditedRate seconds of film per second of wall time;
 * - wall time already credited to another playback of the cadre (another tab)
 *   earns nothing again (`creditedUntilMs`);
 * - the player's clock may not run backwards.
 * The caller removes seconds of the film credited before (the union of ranges).
 */
export function assessHeartbeat(prev: PlaybackState | null, beat: Heartbeat, serverMs: number, creditedUntilMs: number, rules: CreditRules): Assessment {
  if (!prev) return { reason: CreditReason.STARTED, segment: null, accepted: true };
  if (beat.seq <= prev.seq) return { reason: CreditReason.REPLAYED, segment: null, accepted: false };
  if (beat.clientMs < prev.clientMs) {
    throw BadUserInputException.field('clientTime', `runs backwards: earlier than heartbeat ${prev.seq} of this playback`);
  }
  const none = (reason: CreditReason): Assessment => ({ reason, segment: null, accepted: true });

  const elapsedMs = Math.min(serverMs - prev.serverMs, beat.clientMs - prev.clientMs);
  if (serverMs - prev.serverMs > rules.maxGapMs) return none(CreditReason.GAP_TOO_LONG);
  if (!prev.visible || !beat.visible) return none(CreditReason.HIDDEN);
  if (prev.idle || beat.idle) return none(CreditReason.IDLE);
  const advance = beat.position - prev.position;
  if (advance <= 0 || elapsedMs <= 0) return none(CreditReason.PAUSED_OR_REWOUND);

  const rate = Math.max(prev.rate, beat.playbackRate);
  if (advance > (elapsedMs / 1000) * rate * JUMP_TOLERANCE + JUMP_SLACK_SECONDS) return none(CreditReason.JUMPED_AHEAD);

  const windowStart = Math.max(prev.serverMs, creditedUntilMs);
  const wallMs = Math.min(elapsedMs, serverMs - windowStart);
  if (wallMs <= 0) return none(CreditReason.OTHER_PLAYBACK);

  const creditedRate = Math.min(rate * JITTER, rules.maxCreditedRate);
  const length = Math.min(advance, (wallMs / 1000) * creditedRate);
  const from = prev.position;
  const to = Math.min(from + length, rules.durationSeconds);
  if (to <= from) return none(CreditReason.PAUSED_OR_REWOUND);
  return { reason: CreditReason.CREDITED, segment: { from: round3(from), to: round3(to) }, accepted: true };
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;
