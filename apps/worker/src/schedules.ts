import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { JobName, JobQueue, JOBS } from '@qinglian/queue';

export const TIME_ZONE = 'Asia/Shanghai';

/**
 * Recurring work as BullMQ job schedulers: upserted at every worker start (so
 * a change of schedule applies on deploy) and fired once per cluster however
 * many workers run.
 */
@Injectable()
export class Schedules implements OnApplicationBootstrap {
  constructor(private readonly jobs: JobQueue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs
      .queue(JobName.PURGE_EXPIRED_REFRESH_TOKENS)
      .upsertJobScheduler(
        'nightly-purge-expired-refresh-tokens',
        { pattern: '0 30 3 * * *', tz: TIME_ZONE },
        { name: JobName.PURGE_EXPIRED_REFRESH_TOKENS, data: JOBS[JobName.PURGE_EXPIRED_REFRESH_TOKENS].payload.parse({}) },
      );
    await this.jobs
      .queue(JobName.PURGE_EXPIRED_VIDEO_SESSIONS)
      .upsertJobScheduler(
        'nightly-purge-expired-video-sessions',
        { pattern: '0 40 3 * * *', tz: TIME_ZONE },
        { name: JobName.PURGE_EXPIRED_VIDEO_SESSIONS, data: JOBS[JobName.PURGE_EXPIRED_VIDEO_SESSIONS].payload.parse({}) },
      );
    // every night at 02:00: all completion records of the current year, so rule and calendar effects (overdue) apply
    await this.jobs
      .queue(JobName.NIGHTLY_COMPLETION_RECOMPUTE)
      .upsertJobScheduler(
        'nightly-completion-recompute',
        { pattern: '0 0 2 * * *', tz: TIME_ZONE },
        { name: JobName.NIGHTLY_COMPLETION_RECOMPUTE, data: {} },
      );
  }
}
