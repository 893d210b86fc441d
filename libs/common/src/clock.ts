import { Global, Injectable, Module } from '@nestjs/common';

/**
 * The server's time, injected where a rule depends on elapsed time (study-time
 * credit), so tests can move it without waiting.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

/** One clock for the whole process (tests move it in one place). */
@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class ClockModule {}

/** The calendar year in Asia/Shanghai (class hours count towards the local year). */
export function shanghaiYear(at: Date): number {
  return new Date(at.getTime() + 8 * 3600_000).getUTCFullYear();
}
