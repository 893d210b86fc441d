import { InjectDataSource } from '@nestjs/typeorm';
import { CompletionRecordsService, CreditsService } from '@qinglian/completion';
import { StudyService } from '@qinglian/courses';
import { JobName, JobPayload } from '@qinglian/queue';
import { QuizAttemptEntity } from '@qinglian/quizzes';
import { DataSource } from 'typeorm';
import { HandlesJob, JobHandler } from '../../jobs/job-handler';

/** A graded attempt: a pass completes the quiz's lessons and earns the quiz's class hours. */
@HandlesJob(JobName.QUIZ_ATTEMPT_GRADED)
export class QuizAttemptGradedJob implements JobHandler<JobName.QUIZ_ATTEMPT_GRADED> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly study: StudyService,
    private readonly credits: CreditsService,
    private readonly records: CompletionRecordsService,
  ) {}

  async handle(payload: JobPayload<JobName.QUIZ_ATTEMPT_GRADED>) {
    const attempt = await this.dataSource.manager.findOne(QuizAttemptEntity, { where: { id: payload.attemptId } });
    if (!attempt) return { passed: false };
    // a graded integrity exam changes the record whether passed or failed
    await this.records.schedule(attempt.userId);
    if (!attempt.passed) return { passed: false };
    const completedCourses = await this.study.recordQuizPassed(attempt.userId, attempt.quizId);
    const { hours } = await this.credits.syncQuizPass(attempt.userId, attempt.quizId);
    return { passed: true, completedCourses, hours };
  }
}
