import { BeforeApplicationShutdown, Controller, Get, Injectable, SetMetadata } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Redis } from 'ioredis';
import { InjectRedis } from '../redis.module';

/** Marks a route or resolver as open to anonymous callers (read by the API's access guard). */
export const IS_PUBLIC = 'qinglian:public';
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Flips to "shutting down" at SIGTERM so load balancers stop sending traffic before the server closes. */
@Injectable()
export class ShutdownState implements BeforeApplicationShutdown {
  shuttingDown = false;

  beforeApplicationShutdown(): void {
    this.shuttingDown = true;
  }
}

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly indicators: HealthIndicatorService,
    private readonly state: ShutdownState,
    @InjectRedis() private readonly redis: Redis,
  ) {}

  /** The process is up and its event loop answers. */
  @Get('live')
  @Public()
  live() {
    return { status: 'ok' };
  }

  /** PostgreSQL and Redis answer, and the process is not shutting down. */
  @Get('ready')
  @Public()
  @HealthCheck()
  ready() {
    return this.health.check([
      () => {
        const check = this.indicators.check('lifecycle');
        return this.state.shuttingDown ? check.down({ message: 'shutting down' }) : check.up();
      },
      () => this.probe('postgres', async () => (await this.dataSource.query('SELECT 1 AS ok'))[0]?.ok === 1),
      () => this.probe('redis', async () => (await this.redis.ping()) === 'PONG'),
    ]);
  }

  /** Runs one dependency check with a 2-second limit (the timer is cleared, so nothing lingers). */
  private async probe(key: string, answers: () => Promise<boolean>) {
    const check = this.indicators.check(key);
    let timer: NodeJS.Timeout | undefined;
    try {
      const ok = await Promise.race([
        answers(),
        new Promise<boolean>((_, reject) => (timer = setTimeout(() => reject(new Error('no answer within 2000 ms')), 2000))),
      ]);
      return ok ? check.up() : check.down({ message: 'unexpected answer' });
    } catch (error) {
      return check.down({ message: (error as Error).message });
    } finally {
      clearTimeout(timer);
    }
  }
}
