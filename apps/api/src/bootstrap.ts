import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig } from '@qinglian/config';
import { json, NextFunction, Request, Response, static as serveStatic } from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';
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
  serveWebApp(app, path.resolve(config.get('WEB_DIST_PATH')));
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  return app;
}

/** Paths that belong to the API, never to the web app's client-side routes. */
const API_PATHS = /^\/(graphql|health|media|exports|certificates|metrics)(\/|$)/;

/**
 * Serves the built web app (apps/web/dist) at `/`: its files (hashed assets
 * cached for a year), and index.html for any other page a browser asks for,
 * so that client-side routes survive a reload. Nothing when it is not built.
 */
function serveWebApp(app: NestExpressApplication, dist: string): void {
  const index = path.join(dist, 'index.html');
  if (!existsSync(index)) return;
  app.use(
    serveStatic(dist, {
      index: false,
      setHeaders: (res, file) => res.setHeader('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache'),
    }),
  );
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || API_PATHS.test(req.path) || !req.accepts('html')) return next();
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(index);
  });
}
