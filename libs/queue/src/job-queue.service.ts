import { getQueueToken } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { BadUserInputException } from '@qinglian/common';
import type { JobsOptions, Queue } from 'bullmq';
import { JobInput, JobName, JOBS } from './jobs';

/**
 * The one way to enqueue work: validates the payload against the job's schema
 * and applies the job's own options, so a bad payload fails at the caller,
 * not hours later in the worker.
 */
@Injectable()
export class JobQueue {
  constructor(private readonly moduleRef: ModuleRef) {}

  queue(name: JobName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(JOBS[name].queue), { strict: false });
  }

  async add<N extends JobName>(name: N, input: JobInput<N>, options: JobsOptions = {}) {
    return this.queue(name).add(name, this.validate(name, input), { ...JOBS[name].options, ...options });
  }

  /** Enqueues many jobs of one kind in one round trip. */
  async addBulk<N extends JobName>(name: N, jobs: { input: JobInput<N>; options?: JobsOptions }[]) {
    if (jobs.length === 0) return [];
    return this.queue(name).addBulk(
      jobs.map((j) => ({ name, data: this.validate(name, j.input), opts: { ...JOBS[name].options, ...j.options } })),
    );
  }

  private validate<N extends JobName>(name: N, input: JobInput<N>): unknown {
    const parsed = JOBS[name].payload.safeParse(input);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'payload', message: i.message }));
      throw new BadUserInputException(`Job ${name}: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, problems);
    }
    return parsed.data;
  }
}

/**
 * Enqueues a recompute of one cadre's completion record. A burst of events for
 * the same cadre and year becomes one recompute: the job waits half a second
 * and each later event replaces it (BullMQ deduplication, debounce mode).
 */
export function enqueueCompletionRecompute(jobs: JobQueue, userId: string, year: number) {
  const id = `recompute-${userId}-${year}`;
  return jobs.add(JobName.RECOMPUTE_COMPLETION, { userId, year }, { delay: 500, deduplication: { id, ttl: 500, extend: true, replace: true } });
}
