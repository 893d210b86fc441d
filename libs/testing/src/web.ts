import { NestExpressApplication } from '@nestjs/platform-express';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';

/** The repository's root (libs/testing/src is three levels down). */
export const repoRoot = path.resolve(__dirname, '../../..');
/** Where the web app's code generation reads the API schema from (committed). */
export const WEB_SCHEMA_FILE = path.join(repoRoot, 'apps/web/schema.graphql');
/** The built web app that the API serves. */
export const WEB_DIST = path.join(repoRoot, 'apps/web/dist');

/** The API's GraphQL schema as SDL, sorted, as the web app's code generation reads it. */
export function printApiSchema(app: NestExpressApplication): string {
  return `${printSchema(lexicographicSortSchema(app.get(GraphQLSchemaHost).schema))}\n`;
}

export interface TestBrowser {
  browser: Browser;
  /**
   * A new page (own cookies and storage) at a viewport size, recording console
   * errors and failed requests. Pages ask for reduced motion unless told
   * otherwise: the app then opens dialogs and menus without animating them,
   * so a click never lands on something still moving.
   */
  newPage(options?: { width?: number; height?: number; locale?: string; timezoneId?: string; reducedMotion?: 'reduce' | 'no-preference' }): Promise<Page>;
  /** Console errors and uncaught page errors seen so far, on every page. */
  errors: string[];
  /** Saves a full-page screenshot under .data/screenshots/<name>.png and returns the path. */
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

/** Phone width used by the cadre tests (an ordinary phone in portrait). */
export const PHONE = { width: 390, height: 844 };

/**
 * Launches Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium)
 * headless through playwright-core: no browser download, no network beyond
 * loopback, a fresh profile each time.
 */
export async function launchBrowser(): Promise<TestBrowser> {
  const { chromium } = await import('playwright-core');
  // playwright gives each launch a new, empty temporary profile
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const errors: string[] = [];
  const contexts: BrowserContext[] = [];
  const dir = path.join(repoRoot, '.data', 'screenshots');
  mkdirSync(dir, { recursive: true });
  return {
    browser,
    errors,
    async newPage(options = {}) {
      // devices in China: Chinese locale and Beijing time, whatever this machine's zone
      const ctx = await browser.newContext({
        viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
        locale: options.locale ?? 'zh-CN',
        timezoneId: options.timezoneId ?? 'Asia/Shanghai',
        reducedMotion: options.reducedMotion ?? 'reduce',
      });
      contexts.push(ctx);
      const page = await ctx.newPage();
      page.on('console', (msg: ConsoleMessage) => {
        if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
      });
      page.on('pageerror', (error: Error) => errors.push(`page: ${error.message}`));
      return page;
    },
    async screenshot(page, name) {
      const file = path.join(dir, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async close() {
      for (const ctx of contexts) await ctx.close().catch(() => undefined);
      await browser.close();
    },
  };
}
