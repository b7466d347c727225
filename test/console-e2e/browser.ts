/// <reference lib="dom" />
// (Callbacks passed to page.evaluate / waitForFunction run in the browser.)
/**
 * Chromium through playwright-core (Debian's /usr/bin/chromium, or CHROMIUM_PATH): one page that
 * records every console error and uncaught exception, so the test can insist on none, and saves
 * screenshots for a reviewer (test/artifacts/console/, gitignored).
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT } from './stack';

export const SCREENSHOTS = path.join(ROOT, 'test/artifacts/console');

export interface Session {
  browser: Browser;
  page: Page;
  /** Console errors and page errors since the last `takeErrors()`. */
  errors: string[];
  takeErrors(): string[];
  shot(name: string): Promise<void>;
}

export async function openBrowser(baseURL: string): Promise<Session> {
  await mkdir(SCREENSHOTS, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 } });
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error at ${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught at ${page.url()}: ${error.message}`));
  return {
    browser,
    page,
    errors,
    takeErrors: () => errors.splice(0, errors.length),
    shot: async (name) => {
      // Let charts and images settle: no network for a moment.
      await page.waitForLoadState('networkidle').catch(() => {});
      const size = page.viewportSize();
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${size?.width ?? 0}.png`), fullPage: true });
    },
  };
}

/** The page is wider than the window (something overflows instead of wrapping or scrolling inside). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}
