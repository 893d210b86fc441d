import { Processor } from '@nestjs/bullmq';
import { QueueName } from '@qinglian/queue';
import { PinoLogger } from 'nestjs-pino';
import { JobDispatcher } from '../../jobs/job-dispatcher';
import { JobMetrics } from '../../jobs/job-metrics';
import { JobRegistry } from '../../jobs/job-registry';

/** Deadlines of quiz attempts: many fall at once when a contest ends, each a short transaction. */
@Processor(QueueName.QUIZZES, { concurrency: 8 })
export class QuizzesProcessor extends JobDispatcher {
  constructor(registry: JobRegistry, logger: PinoLogger, metrics: JobMetrics) {
    super(registry, logger, metrics);
  }
}
