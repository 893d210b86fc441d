export enum CourseSubject {
  PARTY_SPIRIT = 'PARTY_SPIRIT',
  PARTY_STYLE = 'PARTY_STYLE',
  PARTY_DISCIPLINE = 'PARTY_DISCIPLINE',
  LAWS_AND_REGULATIONS = 'LAWS_AND_REGULATIONS',
  IDEALS_AND_BELIEFS = 'IDEALS_AND_BELIEFS',
  PROFESSIONAL_ETHICS = 'PROFESSIONAL_ETHICS',
  FAMILY_VIRTUE = 'FAMILY_VIRTUE',
  WARNING_CASES = 'WARNING_CASES',
}

/** DRAFT -> PUBLISHED -> ARCHIVED. Only drafts are edited in place; edits to a published course make a new revision. */
export enum CourseStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  ARCHIVED = 'ARCHIVED',
}

export enum LessonKind {
  /** Rich text; completes after its minimum reading time. */
  ARTICLE = 'ARTICLE',
  /** A warning-education film or lecture; completes when enough of it was really watched. */
  VIDEO = 'VIDEO',
  /** A PDF; completes when opened. */
  DOCUMENT = 'DOCUMENT',
  /** A quiz; completes when the quiz is passed. */
  QUIZ = 'QUIZ',
}

/** What a course is for one cadre. */
export enum Requirement {
  REQUIRED = 'REQUIRED',
  ELECTIVE = 'ELECTIVE',
}

/** Why a heartbeat earned what it earned; shown to the cadre so the rules are visible. */
export enum CreditReason {
  CREDITED = 'CREDITED',
  /** The first heartbeat of a playback only marks where it starts. */
  STARTED = 'STARTED',
  /** The same or an older heartbeat again (a retry, a replay). */
  REPLAYED = 'REPLAYED',
  PAUSED_OR_REWOUND = 'PAUSED_OR_REWOUND',
  /** The position moved further than the elapsed time allows: a jump forward. */
  JUMPED_AHEAD = 'JUMPED_AHEAD',
  HIDDEN = 'HIDDEN',
  IDLE = 'IDLE',
  /** Heartbeats stopped for longer than HEARTBEAT_MAX_GAP_SECONDS. */
  GAP_TOO_LONG = 'GAP_TOO_LONG',
  /** This wall-clock time was already credited to another playback (a second tab). */
  OTHER_PLAYBACK = 'OTHER_PLAYBACK',
  /** Every second in this stretch had been credited before. */
  ALREADY_WATCHED = 'ALREADY_WATCHED',
}
