import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig } from '@qinglian/config';
import { json } from 'express';
import { Logger } from 'nestjs-pino';

/** HTTP settings shared by main.ts and the end-to-end tests, so tests exercise what runs in production. */
export function configureApp(app: NestExpressApplication): INestApplication {
  const config = app.get(AppConfig);
  app.useLogger(app.get(Logger));
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  app.disable('x-powered-by');
  app.use(json({ limit: config.get('GRAPHQL_BODY_LIMIT') }));
  const origins = config.get('CORS_ORIGINS');
  if (origins.length) app.enableCors({ origin: origins, credentials: false });
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  return app;
}
