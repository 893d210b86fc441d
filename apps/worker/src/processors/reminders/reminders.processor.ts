import { Processor } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '@qinglian/config';
import { QueueName } from '@qinglian/queue';
import { Clock } from '@qinglian/common';
import { ReminderPlanner } from '@qinglian/reminders';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PinoLogger } from 'nestjs-pino';
import { JobDispatcher } from '../../jobs/job-dispatcher';
import { JobMetrics } from '../../jobs/job-metrics';
import { JobRegistry } from '../../jobs/job-registry';

/**
 * Reminder workers start only once the lock settings from the configuration
 * are applied (the decorator's options are static): a job whose worker died
 * is taken over after REMINDER_JOB_LOCK_MS, and may be taken over several
 * times (a crash is not a reason to give up on a campaign).
 */
abstract class ReminderDispatcher extends JobDispatcher implements OnApplicationBootstrap {
  constructor(registry: JobRegistry, logger: PinoLogger, metrics: JobMetrics, private readonly config: AppConfig) {
    super(registry, logger, metrics);
  }

  onApplicationBootstrap(): void {
    const lock = this.config.get('REMINDER_JOB_LOCK_MS');
    Object.assign(this.worker.opts, { lockDuration: lock, lockRenewTime: Math.floor(lock / 2), stalledInterval: lock, maxStalledCount: 10 });
    void this.worker.run().catch((error: unknown) => this.logger.error({ err: error }, 'reminder worker stopped'));
  }
}

@Processor(QueueName.REMINDERS, { concurrency: 2, autorun: false })
export class RemindersProcessor extends ReminderDispatcher {
  constructor(
    registry: JobRegistry,
    logger: PinoLogger,
    metrics: JobMetrics,
    config: AppConfig,
    private readonly planner: ReminderPlanner,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {
    super(registry, logger, metrics, config);
  }

  /** Re-adds the job of every occurrence still waiting (a no-op for jobs that exist), in case Redis lost them. */
  override onApplicationBootstrap(): void {
    super.onApplicationBootstrap();
    void this.planner
      .waiting(this.dataSource.manager)
      .then((waiting) => this.planner.enqueue(waiting, this.clock.now()))
      .catch((error: unknown) => this.logger.error({ err: error }, 'could not re-plan waiting reminders'));
  }
}

@Processor(QueueName.REMINDER_DELIVERY, { concurrency: 4, autorun: false })
export class ReminderDeliveryProcessor extends ReminderDispatcher {
  constructor(registry: JobRegistry, logger: PinoLogger, metrics: JobMetrics, config: AppConfig) {
    super(registry, logger, metrics, config);
  }
}
