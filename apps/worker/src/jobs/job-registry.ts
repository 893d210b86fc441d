import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { JobName } from '@qinglian/queue';
import { HANDLES_JOB, JobHandler } from './job-handler';

/** Maps each job name to its one handler, found by the @HandlesJob decorator. */
@Injectable()
export class JobRegistry implements OnModuleInit {
  private readonly handlers = new Map<JobName, JobHandler>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const problems: string[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      if (!wrapper.metatype || !wrapper.instance) continue;
      const name = this.reflector.get<JobName | undefined>(HANDLES_JOB, wrapper.metatype as never);
      if (!name) continue;
      if (this.handlers.has(name)) problems.push(`job ${name} has two handlers`);
      this.handlers.set(name, wrapper.instance as JobHandler);
    }
    for (const name of Object.values(JobName)) {
      if (!this.handlers.has(name)) problems.push(`job ${name} has no handler`);
    }
    if (problems.length) throw new Error(`Job handlers are incomplete: ${problems.join('; ')}`);
  }

  get(name: string): JobHandler | undefined {
    return this.handlers.get(name as JobName);
  }
}
