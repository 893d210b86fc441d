import type { JobsOptions } from 'bullmq';
import { z } from 'zod';

/** Every BullMQ queue of Qinglian. */
export enum QueueName {
  MAINTENANCE = 'maintenance',
  /** Learning events that change what a cadre has earned (completion records). */
  COMPLETION = 'completion',
  /** Reading uploaded films: duration and poster frame (ffprobe/ffmpeg). */
  MEDIA = 'media',
  /** Quiz attempts: closing and grading at the deadline. */
  QUIZZES = 'quizzes',
  /** Reminder occurrences firing at their send time and fanning out to the audience. */
  REMINDERS = 'reminders',
  /** Reminder messages going out over e-mail and SMS, in ranges of the delivery ledger. */
  REMINDER_DELIVERY = 'reminder-delivery',
}

/** Every job; each belongs to one queue and has one handler in the worker. */
export enum JobName {
  PURGE_EXPIRED_REFRESH_TOKENS = 'purge-expired-refresh-tokens',
  PURGE_EXPIRED_VIDEO_SESSIONS = 'purge-expired-video-sessions',
  TOUR_ATTENDANCE_CHANGED = 'tour-attendance-changed',
  COURSE_COMPLETED = 'course-completed',
  PROCESS_VIDEO = 'process-video',
  CLOSE_QUIZ_ATTEMPT = 'close-quiz-attempt',
  QUIZ_ATTEMPT_GRADED = 'quiz-attempt-graded',
  RECOMPUTE_COMPLETION = 'recompute-completion',
  RECOMPUTE_COMPLETION_RUN = 'recompute-completion-run',
  NIGHTLY_COMPLETION_RECOMPUTE = 'nightly-completion-recompute',
  FIRE_REMINDER = 'fire-reminder',
  SEND_REMINDERS = 'send-reminders',
}

/** Retries with exponential backoff and pruning of finished jobs; a job may override these beside its definition. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { age: 24 * 3600, count: 5_000 },
  removeOnFail: { age: 14 * 24 * 3600 },
};

interface JobDefinition<S extends z.ZodType> {
  queue: QueueName;
  payload: S;
  options?: JobsOptions;
}

const define = <S extends z.ZodType>(d: JobDefinition<S>) => d;

/** The registry: queue, payload schema and options of each job. Payloads are validated when enqueued. */
export const JOBS = {
  [JobName.PURGE_EXPIRED_REFRESH_TOKENS]: define({
    queue: QueueName.MAINTENANCE,
    payload: z.object({ batchSize: z.number().int().min(1).max(100_000).default(5_000) }),
    options: { attempts: 3 },
  }),
  [JobName.PURGE_EXPIRED_VIDEO_SESSIONS]: define({
    queue: QueueName.MAINTENANCE,
    payload: z.object({ batchSize: z.number().int().min(1).max(100_000).default(5_000) }),
    options: { attempts: 3 },
  }),
  [JobName.TOUR_ATTENDANCE_CHANGED]: define({
    queue: QueueName.COMPLETION,
    payload: z.object({ signUpId: z.uuid(), userId: z.uuid() }),
  }),
  [JobName.COURSE_COMPLETED]: define({
    queue: QueueName.COMPLETION,
    payload: z.object({ userId: z.uuid(), courseId: z.uuid() }),
  }),
  [JobName.PROCESS_VIDEO]: define({
    queue: QueueName.MEDIA,
    payload: z.object({ mediaId: z.uuid() }),
    options: { attempts: 3, backoff: { type: 'exponential', delay: 10_000 } },
  }),
  [JobName.CLOSE_QUIZ_ATTEMPT]: define({
    queue: QueueName.QUIZZES,
    payload: z.object({ attemptId: z.uuid() }),
    // delayed until the attempt's deadline; retried soon if the worker was briefly early
    options: { attempts: 10, backoff: { type: 'fixed', delay: 2_000 } },
  }),
  [JobName.QUIZ_ATTEMPT_GRADED]: define({
    queue: QueueName.COMPLETION,
    payload: z.object({ attemptId: z.uuid() }),
  }),
  [JobName.RECOMPUTE_COMPLETION]: define({
    queue: QueueName.COMPLETION,
    payload: z.object({ userId: z.uuid(), year: z.number().int().min(2000).max(2100) }),
  }),
  [JobName.RECOMPUTE_COMPLETION_RUN]: define({
    queue: QueueName.COMPLETION,
    payload: z.object({ runId: z.uuid() }),
    // a run is safe to repeat from the start; two attempts are enough
    options: { attempts: 2 },
  }),
  [JobName.NIGHTLY_COMPLETION_RECOMPUTE]: define({
    queue: QueueName.MAINTENANCE,
    payload: z.object({}),
    options: { attempts: 3 },
  }),
  [JobName.FIRE_REMINDER]: define({
    queue: QueueName.REMINDERS,
    // delayed until the send time; the version tells a rescheduled occurrence's stale job to do nothing
    payload: z.object({ occurrenceId: z.uuid(), version: z.number().int().min(1) }),
    options: { attempts: 10, backoff: { type: 'exponential', delay: 5_000 } },
  }),
  [JobName.SEND_REMINDERS]: define({
    queue: QueueName.REMINDER_DELIVERY,
    // a range of ledger rows of one occurrence and channel; rows already sent are never claimed again
    payload: z.object({ occurrenceId: z.uuid(), channel: z.enum(['EMAIL', 'SMS']), fromId: z.string().regex(/^\d+$/), toId: z.string().regex(/^\d+$/) }),
    // transient failures back off 10 s, 20 s ... about 20 minutes in all, longer than a dead worker's claim lease
    options: { attempts: 8, backoff: { type: 'exponential', delay: 10_000 } },
  }),
} satisfies Record<JobName, JobDefinition<z.ZodType>>;

export type JobPayload<N extends JobName> = z.infer<(typeof JOBS)[N]['payload']>;
export type JobInput<N extends JobName> = z.input<(typeof JOBS)[N]['payload']>;

/** Thrown by a handler for a failure that retrying cannot fix; the job fails at once. */
export { UnrecoverableError as PermanentJobError } from 'bullmq';
