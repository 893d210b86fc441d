import { CompletionRecordsService } from '@qinglian/completion';
import { JobName, JobPayload } from '@qinglian/queue';
import { HandlesJob, JobHandler } from '../../jobs/job-handler';

/** One cadre's record of a year, after a learning event, a tier change or a rule change (bursts are deduplicated when enqueued). */
@HandlesJob(JobName.RECOMPUTE_COMPLETION)
export class RecomputeCompletionJob implements JobHandler<JobName.RECOMPUTE_COMPLETION> {
  constructor(private readonly records: CompletionRecordsService) {}

  async handle(payload: JobPayload<JobName.RECOMPUTE_COMPLETION>) {
    return { recomputed: await this.records.recompute([payload.userId], payload.year) };
  }
}
