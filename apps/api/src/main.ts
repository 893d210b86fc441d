import { assertConfigOrExit } from '@qinglian/config';
assertConfigOrExit('qinglian-api');

import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { exitAfterGracePeriod } from '@qinglian/common';
import { AppConfig } from '@qinglian/config';
import { Logger } from 'nestjs-pino';
import type { AddressInfo } from 'node:net';
import { AppModule } from './app.module';
import { configureApp } from './bootstrap';

async function main(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(), { bufferLogs: true, bodyParser: false });
  configureApp(app);
  const config = app.get(AppConfig);
  exitAfterGracePeriod(config.get('SHUTDOWN_TIMEOUT_MS'), (m) => app.get(Logger).warn(m, 'Shutdown'));
  const server = await app.listen(config.get('API_PORT'), config.get('API_HOST'));
  // keep-alive sockets must not outlive a shutdown; Node closes idle ones on server.close()
  server.keepAliveTimeout = 5_000;
  const { port } = server.address() as AddressInfo;
  app.get(Logger).log(`GraphQL API listening on http://${config.get('API_HOST')}:${port}/graphql`, 'Bootstrap');
}

main().catch((error: unknown) => {
  process.stderr.write(`qinglian-api failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
