import { runMigrations } from '@qinglian/database';
import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * Where the test servers are: scripts/test.mjs exports these after making sure
 * PostgreSQL and Redis answer (starting private instances when they do not).
 */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** A fresh database for one test file, with the real migrations applied. */
export async function createTestDatabase(label = 'e2e'): Promise<TestDatabase> {
  const name = `ql_test_${label.replace(/[^a-z0-9]/gi, '').slice(0, 20).toLowerCase()}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(TEST_POSTGRES_URL, name);
  await runMigrations(url);
  return {
    name,
    url,
    async drop() {
      const client = new Client({ connectionString: TEST_POSTGRES_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** A Redis key prefix owned by one test file; `clear` deletes every key under it. */
export function createRedisNamespace(): { prefix: string; clear(): Promise<void> } {
  const prefix = `qltest${randomBytes(4).toString('hex')}`;
  return {
    prefix,
    async clear() {
      const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
      await redis.connect();
      try {
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
          if (keys.length) await redis.del(...keys);
          cursor = next;
        } while (cursor !== '0');
      } finally {
        redis.disconnect();
      }
    },
  };
}

/** Environment for an app under test: its own database and Redis prefix, quiet logs. */
export function testEnvironment(database: TestDatabase, redisPrefix: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: '5',
    REDIS_URL: TEST_REDIS_URL,
    REDIS_KEY_PREFIX: redisPrefix,
    JWT_SECRET: randomBytes(32).toString('hex'),
    STORAGE_PATH: `/tmp/${redisPrefix}-storage`,
    ...extra,
  };
}
