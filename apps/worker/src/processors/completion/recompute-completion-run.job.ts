import { CompletionRecordsService } from '@qinglian/completion';
import { JobName, JobPayload } from '@qinglian/queue';
import type { Job } from 'bullmq';
import { HandlesJob, JobHandler } from '../../jobs/job-handler';

/** A full recompute in batches; progress (done/total) on the run row and on the job. */
@HandlesJob(JobName.RECOMPUTE_COMPLETION_RUN)
export class RecomputeCompletionRunJob implements JobHandler<JobName.RECOMPUTE_COMPLETION_RUN> {
  constructor(private readonly records: CompletionRecordsService) {}

  async handle(payload: JobPayload<JobName.RECOMPUTE_COMPLETION_RUN>, job: Job) {
    const run = await this.records.executeRun(payload.runId, (done, total) => job.updateProgress({ done, total }));
    return { done: run.done, total: run.total };
  }
}
