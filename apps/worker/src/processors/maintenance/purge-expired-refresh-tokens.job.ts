import { AuthService } from '@qinglian/identity';
import { JobName, JobPayload } from '@qinglian/queue';
import { HandlesJob, JobHandler } from '../../jobs/job-handler';

/** Nightly: deletes refresh tokens that expired or were revoked more than a day ago. */
@HandlesJob(JobName.PURGE_EXPIRED_REFRESH_TOKENS)
export class PurgeExpiredRefreshTokensJob implements JobHandler<JobName.PURGE_EXPIRED_REFRESH_TOKENS> {
  constructor(private readonly auth: AuthService) {}

  async handle(payload: JobPayload<JobName.PURGE_EXPIRED_REFRESH_TOKENS>): Promise<{ deleted: number }> {
    return { deleted: await this.auth.purgeExpiredRefreshTokens(payload.batchSize) };
  }
}
