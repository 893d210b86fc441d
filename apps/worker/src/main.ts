import { assertConfigOrExit } from '@qinglian/config';
assertConfigOrExit('qinglian-worker');

import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { exitAfterGracePeriod } from '@qinglian/common';
import { AppConfig } from '@qinglian/config';
import { Logger } from 'nestjs-pino';
import type { AddressInfo } from 'node:net';
import { WorkerModule } from './worker.module';

/**
 * The worker process: BullMQ workers for every queue, plus a small HTTP server
 * with nothing but /health/live and /health/ready. SIGTERM stops taking new
 * jobs, lets running ones finish, then exits.
 */
async function main(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(WorkerModule.forRoot(), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  const config = app.get(AppConfig);
  exitAfterGracePeriod(config.get('SHUTDOWN_TIMEOUT_MS'), (m) => app.get(Logger).warn(m, 'Shutdown'));
  const server = await app.listen(config.get('WORKER_HEALTH_PORT'), config.get('API_HOST'));
  const { port } = server.address() as AddressInfo;
  app.get(Logger).log(`worker running; health on port ${port}`, 'Bootstrap');
}

main().catch((error: unknown) => {
  process.stderr.write(`qinglian-worker failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
