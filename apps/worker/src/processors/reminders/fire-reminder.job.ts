import { Clock } from '@qinglian/common';
import { JobName, JobPayload } from '@qinglian/queue';
import { ReminderDeliveryService } from '@qinglian/reminders';
import { HandlesJob, JobHandler } from '../../jobs/job-handler';

/** An occurrence's send time has come: fan out to its audience (resumes where a dead run stopped). */
@HandlesJob(JobName.FIRE_REMINDER)
export class FireReminderJob implements JobHandler<JobName.FIRE_REMINDER> {
  constructor(
    private readonly delivery: ReminderDeliveryService,
    private readonly clock: Clock,
  ) {}

  async handle(payload: JobPayload<JobName.FIRE_REMINDER>) {
    return this.delivery.fire(payload.occurrenceId, payload.version, this.clock.now());
  }
}
