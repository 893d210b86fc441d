import { Clock } from '@qinglian/common';
import { JobName, JobPayload } from '@qinglian/queue';
import { DeliveryChannel, ReminderDeliveryService } from '@qinglian/reminders';
import { DelayedError, Job } from 'bullmq';
import { HandlesJob, JobHandler } from '../../jobs/job-handler';

/**
 * Sends a range of e-mail or SMS reminders. In quiet hours the job moves
 * itself to the end of them; messages that failed for now keep the job
 * failing, so BullMQ retries it with exponential backoff.
 */
@HandlesJob(JobName.SEND_REMINDERS)
export class SendRemindersJob implements JobHandler<JobName.SEND_REMINDERS> {
  constructor(
    private readonly delivery: ReminderDeliveryService,
    private readonly clock: Clock,
  ) {}

  async handle(payload: JobPayload<JobName.SEND_REMINDERS>, job: Job, token?: string) {
    const now = this.clock.now();
    const allowed = this.delivery.externalSendTime(now);
    if (allowed.getTime() > now.getTime()) {
      await job.moveToDelayed(Date.now() + (allowed.getTime() - now.getTime()), token);
      throw new DelayedError();
    }
    const range = { ...payload, channel: payload.channel as DeliveryChannel.EMAIL | DeliveryChannel.SMS };
    const outcome = await this.delivery.sendRange(range, now);
    if (outcome.open > 0) throw new Error(`${outcome.open} ${payload.channel} reminders are still pending (failed for now, or held by a worker that stopped); retrying`);
    return outcome;
  }

  async onFinalFailure(payload: JobPayload<JobName.SEND_REMINDERS>, error: Error): Promise<void> {
    await this.delivery.failOpen({ ...payload, channel: payload.channel as DeliveryChannel.EMAIL | DeliveryChannel.SMS }, error.message);
  }
}
