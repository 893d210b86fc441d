import { MediaService } from '@qinglian/media';
import { JobName, JobPayload } from '@qinglian/queue';
import { HandlesJob, JobHandler } from '../../jobs/job-handler';

/** Reads an uploaded film's duration and poster frame; the lesson then shows READY, or FAILED with the reason. */
@HandlesJob(JobName.PROCESS_VIDEO)
export class ProcessVideoJob implements JobHandler<JobName.PROCESS_VIDEO> {
  constructor(private readonly media: MediaService) {}

  handle(payload: JobPayload<JobName.PROCESS_VIDEO>) {
    return this.media.processVideo(payload.mediaId);
  }

  onFinalFailure(payload: JobPayload<JobName.PROCESS_VIDEO>, error: Error): Promise<void> {
    return this.media.markFailed(payload.mediaId, error.message);
  }
}
