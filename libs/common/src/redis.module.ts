import { Global, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@qinglian/config';
import { Redis } from 'ioredis';
import { createRedis } from './redis';

export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

/** Inject the shared ioredis client (rate limits, readiness checks). */
export const InjectRedis = () => Inject(REDIS_CLIENT);

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@InjectRedis() private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.redis.status !== 'ready') {
      // not connected (e.g. Redis is down): stop reconnecting instead of queueing a QUIT that never goes out
      this.redis.disconnect();
      return;
    }
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS_CLIENT,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        const logger = new Logger('Redis');
        let lastError = '';
        return createRedis(config.get('REDIS_URL'), 'qinglian', { maxRetriesPerRequest: 2 }, (error) => {
          // one line per distinct failure, not one per reconnect attempt
          if (error.message !== lastError) logger.error(`Redis connection problem: ${error.message}`);
          lastError = error.message;
        });
      },
    },
    RedisCloser,
  ],
  exports: [REDIS_CLIENT],
})
export class RedisModule {}
