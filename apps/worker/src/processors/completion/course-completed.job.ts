import { CompletionRecordsService, CreditsService } from '@qinglian/completion';
import { JobName, JobPayload } from '@qinglian/queue';
import { HandlesJob, JobHandler } from '../../jobs/job-handler';

/** Credits the class hours stored with a course completion. */
@HandlesJob(JobName.COURSE_COMPLETED)
export class CourseCompletedJob implements JobHandler<JobName.COURSE_COMPLETED> {
  constructor(
    private readonly credits: CreditsService,
    private readonly records: CompletionRecordsService,
  ) {}

  async handle(payload: JobPayload<JobName.COURSE_COMPLETED>): Promise<{ hours: number }> {
    const result = await this.credits.syncCourseCompletion(payload.userId, payload.courseId);
    await this.records.schedule(payload.userId);
    return result;
  }
}
