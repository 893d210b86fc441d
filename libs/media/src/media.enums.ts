/** What an uploaded file is for. */
export enum MediaKind {
  /** A warning-education film or a recorded lecture (mp4, webm). */
  VIDEO = 'VIDEO',
  /** A PDF shown in a DOCUMENT lesson. */
  DOCUMENT = 'DOCUMENT',
  /** A course cover (jpeg, png, webp). */
  IMAGE = 'IMAGE',
}

/** A video is PROCESSING until the worker has read its duration and poster frame. */
export enum MediaStatus {
  PROCESSING = 'PROCESSING',
  READY = 'READY',
  FAILED = 'FAILED',
}
