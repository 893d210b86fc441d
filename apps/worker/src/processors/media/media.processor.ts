import { Processor } from '@nestjs/bullmq';
import { QueueName } from '@qinglian/queue';
import { PinoLogger } from 'nestjs-pino';
import { JobDispatcher } from '../../jobs/job-dispatcher';
import { JobMetrics } from '../../jobs/job-metrics';
import { JobRegistry } from '../../jobs/job-registry';

/** ffprobe and ffmpeg are CPU-heavy: two films at a time per worker. */
@Processor(QueueName.MEDIA, { concurrency: 2 })
export class MediaProcessor extends JobDispatcher {
  constructor(registry: JobRegistry, logger: PinoLogger, metrics: JobMetrics) {
    super(registry, logger, metrics);
  }
}
