import { Injectable, SetMetadata } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobName, JobPayload } from '@qinglian/queue';

export const HANDLES_JOB = 'qinglian:handles-job';

/** Marks a provider as the handler of one job. Startup fails when a job has no handler or two. */
export const HandlesJob = (name: JobName) => (target: object) => {
  SetMetadata(HANDLES_JOB, name)(target as never);
  Injectable()(target as never);
};

export interface JobHandler<N extends JobName = JobName> {
  /** `token` is the worker's lock token, for a handler that moves its job (e.g. back to delayed). */
  handle(payload: JobPayload<N>, job: Job<JobPayload<N>>, token?: string): Promise<unknown>;
  /** Called once when the job will not be tried again (last attempt used, or a permanent error), so the domain record can say why. */
  onFinalFailure?(payload: JobPayload<N>, error: Error): Promise<void>;
}
