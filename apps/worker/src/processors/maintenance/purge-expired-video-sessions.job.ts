import { StudyService } from '@qinglian/courses';
import { JobName, JobPayload } from '@qinglian/queue';
import { HandlesJob, JobHandler } from '../../jobs/job-handler';

/** Nightly: deletes film playback sessions that expired more than a day ago. */
@HandlesJob(JobName.PURGE_EXPIRED_VIDEO_SESSIONS)
export class PurgeExpiredVideoSessionsJob implements JobHandler<JobName.PURGE_EXPIRED_VIDEO_SESSIONS> {
  constructor(private readonly study: StudyService) {}

  async handle(payload: JobPayload<JobName.PURGE_EXPIRED_VIDEO_SESSIONS>): Promise<{ deleted: number }> {
    return { deleted: await this.study.purgeExpiredVideoSessions(payload.batchSize) };
  }
}
