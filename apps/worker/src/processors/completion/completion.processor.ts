import { Processor } from '@nestjs/bullmq';
import { QueueName } from '@qinglian/queue';
import { PinoLogger } from 'nestjs-pino';
import { JobDispatcher } from '../../jobs/job-dispatcher';
import { JobMetrics } from '../../jobs/job-metrics';
import { JobRegistry } from '../../jobs/job-registry';

@Processor(QueueName.COMPLETION, { concurrency: 8 })
export class CompletionProcessor extends JobDispatcher {
  constructor(registry: JobRegistry, logger: PinoLogger, metrics: JobMetrics) {
    super(registry, logger, metrics);
  }
}
