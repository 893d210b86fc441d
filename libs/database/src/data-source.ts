import { DataSource, DataSourceOptions } from 'typeorm';
import { migrations } from './migrations';

export interface DataSourceSettings {
  url: string;
  poolSize?: number;
  applicationName?: string;
}

/** Options shared by the Nest TypeORM module and the stand-alone migration runner. */
export function dataSourceOptions(settings: DataSourceSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    synchronize: false,
    migrationsRun: false,
    migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    applicationName: settings.applicationName ?? 'qinglian',
    extra: { max: settings.poolSize ?? 10 },
  };
}

const MIGRATION_LOCK_KEY = 727_312_001;

/**
 * Runs pending migrations under a PostgreSQL advisory lock, so that several
 * replicas starting at once apply each migration exactly once.
 */
export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = new DataSource({ ...dataSourceOptions({ url, poolSize: 1, applicationName: 'qinglian-migrate' }) });
  await dataSource.initialize();
  try {
    await dataSource.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await dataSource.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await dataSource.destroy();
  }
}
