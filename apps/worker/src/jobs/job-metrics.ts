import { Injectable } from '@nestjs/common';

/** Completed and failed counts per queue and job since the worker started (shown on /health/jobs). */
@Injectable()
export class JobMetrics {
  private readonly counts = new Map<string, { completed: number; failed: number }>();

  completed(queue: string, job: string): void {
    this.entry(queue, job).completed++;
  }

  failed(queue: string, job: string): void {
    this.entry(queue, job).failed++;
  }

  snapshot(): Record<string, { completed: number; failed: number }> {
    return Object.fromEntries(this.counts);
  }

  private entry(queue: string, job: string) {
    const key = `${queue}/${job}`;
    let entry = this.counts.get(key);
    if (!entry) this.counts.set(key, (entry = { completed: 0, failed: 0 }));
    return entry;
  }
}
