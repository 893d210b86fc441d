import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown } from '@nestjs/common';
import { DelayedError, Job, UnrecoverableError } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';
import { JobMetrics } from './job-metrics';
import { JobRegistry } from './job-registry';

/**
 * Base of every queue's processor: finds the job's handler, runs it with the
 * job id bound to every log line, and logs start, end and duration. On
 * shutdown it stops taking jobs and lets the running ones finish.
 */
export abstract class JobDispatcher extends WorkerHost implements BeforeApplicationShutdown {
  constructor(
    protected readonly registry: JobRegistry,
    protected readonly logger: PinoLogger,
    protected readonly metrics: JobMetrics,
  ) {
    super();
  }

  async process(job: Job, token?: string): Promise<unknown> {
    const handler = this.registry.get(job.name);
    if (!handler) throw new UnrecoverableError(`no handler for job ${job.name}`);
    return this.logger.runInContext(
      async () => {
        const started = Date.now();
        this.logger.info({ attempt: job.attemptsMade + 1 }, 'job started');
        try {
          const result = await handler.handle(job.data, job, token);
          this.logger.info({ durationMs: Date.now() - started }, 'job completed');
          return result;
        } catch (error) {
          if (error instanceof DelayedError) {
            this.logger.info({ durationMs: Date.now() - started, delayedUntil: job.delay ? new Date(job.timestamp + job.delay) : undefined }, 'job delayed');
            throw error;
          }
          this.logger.warn({ durationMs: Date.now() - started, err: error }, 'job failed');
          throw error;
        }
      },
      { bindings: { jobId: job.id, queue: job.queueName, job: job.name } },
    );
  }

  /**
   * Stops taking jobs and waits for the running ones while the database and
   * Redis connections are still open (they close later, at onApplicationShutdown).
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.logger.info({ queue: this.worker.name }, 'closing worker: waiting for running jobs');
    await this.worker.close();
  }

  @OnWorkerEvent('completed')
  onCompleted(job: Job): void {
    this.metrics.completed(job.queueName, job.name);
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job | undefined, error: Error): Promise<void> {
    if (!job) return;
    this.metrics.failed(job.queueName, job.name);
    const final = error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
    const handler = this.registry.get(job.name);
    if (!final || !handler?.onFinalFailure) return;
    try {
      await handler.onFinalFailure(job.data, error);
    } catch (hookError) {
      this.logger.error({ err: hookError, jobId: job.id, job: job.name }, 'recording the final failure failed');
    }
  }
}
