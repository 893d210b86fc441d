import { Redis, RedisOptions } from 'ioredis';

/**
 * One place that turns REDIS_URL into ioredis options, so that the API, the
 * worker, BullMQ and the rate limiter all connect the same way.
 */
export function redisOptionsFromUrl(url: string, extra: RedisOptions = {}): RedisOptions {
  const parsed = new URL(url);
  const db = parsed.pathname && parsed.pathname !== '/' ? Number(parsed.pathname.slice(1)) : 0;
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 6379,
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: Number.isFinite(db) ? db : 0,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
    ...extra,
  };
}

export function createRedis(url: string, connectionName: string, extra: RedisOptions = {}, onError?: (error: Error) => void): Redis {
  const redis = new Redis(redisOptionsFromUrl(url, { connectionName, ...extra }));
  // ioredis reconnects by itself; without a listener every failed attempt prints "Unhandled error event"
  redis.on('error', onError ?? (() => undefined));
  return redis;
}
