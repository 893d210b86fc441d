import { Controller, Get } from '@nestjs/common';
import { Public } from '@qinglian/common';
import { JobMetrics } from './job-metrics';

/** Job counts of this worker process since it started, beside its health checks. */
@Controller('health')
export class JobMetricsController {
  constructor(private readonly metrics: JobMetrics) {}

  @Get('jobs')
  @Public()
  jobs() {
    return { jobs: this.metrics.snapshot() };
  }
}
