import { assertConfigOrExit } from '@qinglian/config';
assertConfigOrExit('qinglian-cli');

import { NestFactory } from '@nestjs/core';
import { parseConfig } from '@qinglian/config';
import { runMigrations } from '@qinglian/database';
import { CliModule } from './cli.module';
import { DEMO_PASSWORD, DEMO_USERS } from './demo-data';
import { SeedService } from './seed.service';

const USAGE = `usage: qinglian-cli <command>
  migrate      apply pending database migrations (safe with several replicas)
  seed         create the demo organisation and logins (safe to run again)
  demo-logins  print the demo logins`;

async function main(command: string | undefined): Promise<void> {
  switch (command) {
    case 'migrate': {
      const applied = await runMigrations(parseConfig(process.env).DATABASE_URL);
      process.stdout.write(applied.length ? `applied ${applied.length} migration(s): ${applied.join(', ')}\n` : 'database schema is up to date\n');
      return;
    }
    case 'seed': {
      const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error', 'warn'] });
      try {
        const result = await app.get(SeedService).seedDemo();
        process.stdout.write(`demo data: ${result.unitsCreated} unit(s), ${result.usersCreated} user(s) and ${result.coursesCreated} course(s) created\n`);
      } finally {
        await app.close();
      }
      return;
    }
    case 'demo-logins':
      for (const u of DEMO_USERS) process.stdout.write(`  ${u.phone}  ${DEMO_PASSWORD}  ${u.name}: ${u.note}\n`);
      return;
    default:
      process.stderr.write(`${USAGE}\n`);
      process.exit(command ? 64 : 0);
  }
}

main(process.argv[2]).catch((error: unknown) => {
  process.stderr.write(`qinglian-cli ${process.argv[2]} failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
