import { Injectable } from '@nestjs/common';
import { InjectRedis, TooManyRequestsException } from '@qinglian/common';
import { AppConfig } from '@qinglian/config';
import { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Counts failed sign-ins in Redis, per account and per client address, so that
 * every API replica sees the same counts. An account is locked for
 * LOGIN_BLOCK_SECONDS after LOGIN_MAX_FAILURES_PER_ACCOUNT failures in that
 * window; an address after LOGIN_MAX_FAILURES_PER_IP. A successful sign-in
 * clears the account's count.
 */
@Injectable()
export class LoginThrottleService {
  private readonly byAccount: RateLimiterRedis;
  private readonly byIp: RateLimiterRedis;

  constructor(@InjectRedis() redis: Redis, config: AppConfig) {
    const prefix = config.get('REDIS_KEY_PREFIX');
    const block = config.get('LOGIN_BLOCK_SECONDS');
    this.byAccount = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${prefix}:login-fail:account`,
      points: config.get('LOGIN_MAX_FAILURES_PER_ACCOUNT'),
      duration: block,
      blockDuration: block,
    });
    this.byIp = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${prefix}:login-fail:ip`,
      points: config.get('LOGIN_MAX_FAILURES_PER_IP'),
      duration: block,
      blockDuration: block,
    });
  }

  /** Throws TOO_MANY_REQUESTS when the account or the address is locked. */
  async assertAllowed(accountKey: string, ip: string): Promise<void> {
    const [account, address] = await Promise.all([this.byAccount.get(accountKey), this.byIp.get(ip)]);
    if (account && account.consumedPoints >= this.byAccount.points) {
      throw locked('this account', account);
    }
    if (address && address.consumedPoints >= this.byIp.points) {
      throw locked('this network address', address);
    }
  }

  async recordFailure(accountKey: string, ip: string): Promise<void> {
    await Promise.all([
      this.byAccount.consume(accountKey).catch(ignoreLimitReached),
      this.byIp.consume(ip).catch(ignoreLimitReached),
    ]);
  }

  async recordSuccess(accountKey: string): Promise<void> {
    await this.byAccount.delete(accountKey);
  }
}

function locked(what: string, res: RateLimiterRes): TooManyRequestsException {
  const seconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  const minutes = Math.ceil(seconds / 60);
  return new TooManyRequestsException(
    `Too many failed sign-ins from ${what}; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
    seconds,
  );
}

function ignoreLimitReached(error: unknown): void {
  if (error instanceof RateLimiterRes) return; // the limit was reached: the next attempt is refused
  throw error;
}
