import { CompletionRecordsService, CreditsService } from '@qinglian/completion';
import { JobName, JobPayload } from '@qinglian/queue';
import { HandlesJob, JobHandler } from '../../jobs/job-handler';

/** Makes the cadre's class-hour credit for a tour agree with the sign-up's attendance. */
@HandlesJob(JobName.TOUR_ATTENDANCE_CHANGED)
export class TourAttendanceChangedJob implements JobHandler<JobName.TOUR_ATTENDANCE_CHANGED> {
  constructor(
    private readonly credits: CreditsService,
    private readonly records: CompletionRecordsService,
  ) {}

  async handle(payload: JobPayload<JobName.TOUR_ATTENDANCE_CHANGED>): Promise<{ hours: number }> {
    const result = await this.credits.syncTourAttendance(payload.signUpId);
    await this.records.schedule(payload.userId);
    return result;
  }
}
