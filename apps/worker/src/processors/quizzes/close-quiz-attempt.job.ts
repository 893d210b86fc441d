import { JobName, JobPayload } from '@qinglian/queue';
import { AttemptsService } from '@qinglian/quizzes';
import { HandlesJob, JobHandler } from '../../jobs/job-handler';

/** At an attempt's deadline: closes and grades it if the cadre never submitted. */
@HandlesJob(JobName.CLOSE_QUIZ_ATTEMPT)
export class CloseQuizAttemptJob implements JobHandler<JobName.CLOSE_QUIZ_ATTEMPT> {
  constructor(private readonly attempts: AttemptsService) {}

  handle(payload: JobPayload<JobName.CLOSE_QUIZ_ATTEMPT>) {
    return this.attempts.closeAtDeadline(payload.attemptId);
  }
}
