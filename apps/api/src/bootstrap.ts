import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { languageMiddleware } from '@qinglian/common';
import { AppConfig } from '@qinglian/config';
import compression from 'compression';
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
  app.use(compression({ filter: (req, res) => !NEVER_COMPRESSED.test(req.path) && compression.filter(req, res) }));
  app.use(json({ limit: config.get('GRAPHQL_BODY_LIMIT') }));
  // after the body parser, whose callback runs outside the request's async context
  app.use(languageMiddleware);
  const origins = config.get('CORS_ORIGINS');
  if (origins.length) app.enableCors({ origin: origins, credentials: false });
  serveWebApp(app, path.resolve(config.get('WEB_DIST_PATH')));
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  return app;
}

/**
 * Answers are gzip-compressed for clients that accept it (the web app's
 * scripts shrink to about a third, GraphQL lists more), except films and
 * files, which are served in byte ranges and are compressed already.
 */
const NEVER_COMPRESSED = /^\/media(\/|$)/;

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
