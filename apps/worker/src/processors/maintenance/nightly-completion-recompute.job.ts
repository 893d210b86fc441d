import { CompletionRecordsService } from '@qinglian/completion';
import { JobName } from '@qinglian/queue';
import { HandlesJob, JobHandler } from '../../jobs/job-handler';

/** The nightly scheduler's job: starts a full recompute of the current year. */
@HandlesJob(JobName.NIGHTLY_COMPLETION_RECOMPUTE)
export class NightlyCompletionRecomputeJob implements JobHandler<JobName.NIGHTLY_COMPLETION_RECOMPUTE> {
  constructor(private readonly records: CompletionRecordsService) {}

  async handle() {
    const run = await this.records.startRun(null, { year: this.records.currentYear() });
    return { runId: run.id, total: run.total };
  }
}
