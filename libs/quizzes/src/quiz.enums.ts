export enum QuestionKind {
  SINGLE_CHOICE = 'SINGLE_CHOICE',
  MULTIPLE_CHOICE = 'MULTIPLE_CHOICE',
  TRUE_FALSE = 'TRUE_FALSE',
  /** One blank; any of the accepted answers counts (compared after normalising width and spaces). */
  FILL_BLANK = 'FILL_BLANK',
  /** Graded by a trainer. */
  SHORT_ANSWER = 'SHORT_ANSWER',
}

export enum QuizMode {
  /** The same listed questions for everyone. */
  FIXED = 'FIXED',
  /** Questions drawn per attempt by rules. */
  DRAW = 'DRAW',
}

export enum ScoringRule {
  HIGHEST = 'HIGHEST',
  LATEST = 'LATEST',
}

/** When a cadre may see correct answers and explanations. */
export enum ReviewPolicy {
  AFTER_SUBMIT = 'AFTER_SUBMIT',
  AFTER_CLOSE = 'AFTER_CLOSE',
  NEVER = 'NEVER',
}

export enum QuizStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  ARCHIVED = 'ARCHIVED',
}

export enum AttemptStatus {
  IN_PROGRESS = 'IN_PROGRESS',
  /** Short answers wait for a trainer. */
  PENDING_REVIEW = 'PENDING_REVIEW',
  GRADED = 'GRADED',
}
