import { BadUserInputException } from '@qinglian/common';
import { CreditReason } from '../course.enums';
import { assessHeartbeat, CreditRules, Heartbeat, PlaybackState, validateHeartbeat } from './heartbeat-credit';

const T0 = Date.UTC(2026, 10, 23, 2, 0, 0);
const rules: CreditRules = { durationSeconds: 600, maxCreditedRate: 1.5, maxGapMs: 30_000 };

const state = (over: Partial<PlaybackState> = {}): PlaybackState => ({
  seq: 1,
  position: 100,
  rate: 1,
  visible: true,
  idle: false,
  clientMs: T0,
  serverMs: T0,
  ...over,
});
const beat = (over: Partial<Heartbeat> = {}): Heartbeat => ({ seq: 2, position: 105, playbackRate: 1, visible: true, idle: false, clientMs: T0 + 5000, ...over });
/** Assesses `next` arriving `afterMs` after the previous heartbeat, with no other playback credited. */
const assess = (prev: PlaybackState | null, next: Heartbeat, afterMs = 5000, creditedUntil = -Infinity) =>
  assessHeartbeat(prev, next, T0 + afterMs, creditedUntil, rules);

describe('assessHeartbeat', () => {
  it('credits the stretch played at normal speed between two heartbeats', () => {
    expect(assess(state(), beat())).toEqual({ reason: CreditReason.CREDITED, segment: { from: 100, to: 105 }, accepted: true });
  });

  it('credits nothing for the first heartbeat of a playback', () => {
    expect(assess(null, beat({ seq: 1 }))).toEqual({ reason: CreditReason.STARTED, segment: null, accepted: true });
  });

  it('credits nothing for a jump forward past what the elapsed time allows', () => {
    const sut = assess(state(), beat({ position: 400 }));

    expect(sut.reason).toBe(CreditReason.JUMPED_AHEAD);
    expect(sut.segment).toBeNull();
  });

  it('credits 2x playback at 1.5x at most', () => {
    const sut = assess(state({ rate: 2 }), beat({ position: 110, playbackRate: 2 }));

    expect(sut.segment).toEqual({ from: 100, to: 107.5 });
  });

  it('does not let a claimed rate of 16 turn a jump into credit beyond 1.5x', () => {
    const sut = assess(state({ rate: 16 }), beat({ position: 180, playbackRate: 16 }));

    expect(sut.segment).toEqual({ from: 100, to: 107.5 });
  });

  it('credits nothing while the tab is hidden, at either end of the stretch', () => {
    expect(assess(state(), beat({ visible: false })).reason).toBe(CreditReason.HIDDEN);
    expect(assess(state({ visible: false }), beat()).reason).toBe(CreditReason.HIDDEN);
  });

  it('credits nothing when the presence check went unanswered', () => {
    expect(assess(state(), beat({ idle: true })).reason).toBe(CreditReason.IDLE);
  });

  it('credits nothing across a gap longer than the heartbeat limit', () => {
    const sut = assess(state(), beat({ position: 140, clientMs: T0 + 40_000 }), 40_000);

    expect(sut.reason).toBe(CreditReason.GAP_TOO_LONG);
    expect(sut.segment).toBeNull();
  });

  it('treats the same or an older sequence number as a replay that changes nothing', () => {
    expect(assess(state({ seq: 5 }), beat({ seq: 5 }))).toEqual({ reason: CreditReason.REPLAYED, segment: null, accepted: false });
    expect(assess(state({ seq: 5 }), beat({ seq: 3 })).accepted).toBe(false);
  });

  it('refuses a player clock running backwards', () => {
    expect(() => assess(state(), beat({ clientMs: T0 - 1000 }))).toThrow(/clientTime: runs backwards/);
  });

  it('uses the smaller of server and player elapsed time, so a player cannot claim time the server did not see', () => {
    // the player says 5 s passed; the server saw 2 s
    const sut = assess(state(), beat({ position: 102 }), 2000);

    expect(sut.segment).toEqual({ from: 100, to: 102 });
    expect(assess(state(), beat({ position: 105 }), 2000).reason).toBe(CreditReason.JUMPED_AHEAD);
  });

  it('credits wall time once across playbacks: time already credited to another tab earns nothing', () => {
    // another playback was credited up to 3 s after this stretch began: only the last 2 s are left
    const sut = assess(state(), beat(), 5000, T0 + 3000);

    expect(sut.segment).toEqual({ from: 100, to: 102.1 });
    expect(assess(state(), beat(), 5000, T0 + 5000).reason).toBe(CreditReason.OTHER_PLAYBACK);
  });

  it('credits nothing when paused or rewound', () => {
    expect(assess(state(), beat({ position: 100 })).reason).toBe(CreditReason.PAUSED_OR_REWOUND);
    expect(assess(state(), beat({ position: 50 })).reason).toBe(CreditReason.PAUSED_OR_REWOUND);
  });

  it('never credits past the end of the film', () => {
    const sut = assess(state({ position: 598 }), beat({ position: 600 }));

    expect(sut.segment).toEqual({ from: 598, to: 600 });
  });
});

describe('validateHeartbeat', () => {
  const check = (over: Partial<Heartbeat>) => () => validateHeartbeat(beat(over), rules, T0);

  it('accepts an ordinary heartbeat', () => {
    expect(check({})).not.toThrow();
  });

  it.each([
    ['position', { position: -1 }, /position: must be between 0 and the film's duration \(600 s\)/],
    ['position', { position: 601 }, /position/],
    ['position', { position: Number.NaN }, /position/],
    ['playbackRate', { playbackRate: 0 }, /playbackRate: must be between 0.25 and 16/],
    ['playbackRate', { playbackRate: 100 }, /playbackRate/],
    ['seq', { seq: 0 }, /seq: must be a whole number/],
    ['seq', { seq: 1.5 }, /seq/],
    ['clientTime', { clientMs: T0 + 3 * 24 * 3600_000 }, /clientTime: is more than a day away/],
  ])('refuses an absurd %s', (field, over, message) => {
    try {
      check(over)();
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(BadUserInputException);
      expect((error as BadUserInputException).fields).toEqual([expect.objectContaining({ field })]);
      expect((error as Error).message).toMatch(message);
    }
  });
});
