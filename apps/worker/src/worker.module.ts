import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { HealthModule, RedisModule } from '@qinglian/common';
import { QinglianConfigModule, QinglianConfigOptions } from '@qinglian/config';
import { DatabaseModule } from '@qinglian/database';
import { CompletionModule } from '@qinglian/completion';
import { IdentityModule } from '@qinglian/identity';
import { QinglianLoggingModule } from '@qinglian/logging';
import { QueueModule } from '@qinglian/queue';
import { JobMetrics } from './jobs/job-metrics';
import { JobMetricsController } from './jobs/job-metrics.controller';
import { JobRegistry } from './jobs/job-registry';
import { CompletionProcessor } from './processors/completion/completion.processor';
import { TourAttendanceChangedJob } from './processors/completion/tour-attendance-changed.job';
import { CourseCompletedJob } from './processors/completion/course-completed.job';
import { MediaProcessor } from './processors/media/media.processor';
import { ProcessVideoJob } from './processors/media/process-video.job';
import { MediaModule } from '@qinglian/media';
import { CoursesModule } from '@qinglian/courses';
import { QuizzesModule } from '@qinglian/quizzes';
import { QuizzesProcessor } from './processors/quizzes/quizzes.processor';
import { CloseQuizAttemptJob } from './processors/quizzes/close-quiz-attempt.job';
import { QuizAttemptGradedJob } from './processors/completion/quiz-attempt-graded.job';
import { RecomputeCompletionJob } from './processors/completion/recompute-completion.job';
import { RecomputeCompletionRunJob } from './processors/completion/recompute-completion-run.job';
import { NightlyCompletionRecomputeJob } from './processors/maintenance/nightly-completion-recompute.job';
import { MaintenanceProcessor } from './processors/maintenance/maintenance.processor';
import { PurgeExpiredRefreshTokensJob } from './processors/maintenance/purge-expired-refresh-tokens.job';
import { PurgeExpiredVideoSessionsJob } from './processors/maintenance/purge-expired-video-sessions.job';
import { Schedules } from './schedules';
import { ReminderDeliveryModule } from '@qinglian/reminders';
import { ReminderDeliveryProcessor, RemindersProcessor } from './processors/reminders/reminders.processor';
import { FireReminderJob } from './processors/reminders/fire-reminder.job';
import { SendRemindersJob } from './processors/reminders/send-reminders.job';

@Module({})
export class WorkerModule {
  static forRoot(config: QinglianConfigOptions = {}, options: { schedules?: boolean } = {}): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        QinglianConfigModule.forRoot(config),
        QinglianLoggingModule.forRoot('worker'),
        DatabaseModule,
        RedisModule,
        QueueModule.forRoot(),
        HealthModule,
        DiscoveryModule,
        IdentityModule,
        CompletionModule,
        MediaModule,
        CoursesModule,
        QuizzesModule,
        ReminderDeliveryModule,
      ],
      controllers: [JobMetricsController],
      providers: [
        JobRegistry,
        JobMetrics,
        MaintenanceProcessor,
        PurgeExpiredRefreshTokensJob,
        PurgeExpiredVideoSessionsJob,
        CompletionProcessor,
        TourAttendanceChangedJob,
        CourseCompletedJob,
        MediaProcessor,
        ProcessVideoJob,
        QuizzesProcessor,
        CloseQuizAttemptJob,
        QuizAttemptGradedJob,
        RecomputeCompletionJob,
        RecomputeCompletionRunJob,
        NightlyCompletionRecomputeJob,
        RemindersProcessor,
        ReminderDeliveryProcessor,
        FireReminderJob,
        SendRemindersJob,
        ...(options.schedules === false ? [] : [Schedules]),
      ],
    };
  }
}
