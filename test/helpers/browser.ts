import fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { serve } from './cli';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Debian's Chromium; `npm test` installs it first, so a missing one is a failure, not a skip. */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (npm test does this as root)`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** Collects console errors, page errors and any request that leaves the page's own host. */
export function watchPage(page: Page, host: string): string[] {
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (!['data:', 'blob:'].includes(u.protocol) && u.host !== host) problems.push(`request: ${r.url()}`);
  });
  return problems;
}

/**
 * `auditdesk serve` on a case and a Chromium page on it, with the first rows loaded; both are stopped
 * when the test ends. problems collects console errors and requests beyond the page's host.
 */
export async function openServedCase(
  t: { after(fn: () => unknown): void },
  casePath: string,
  viewport = { width: 1400, height: 900 },
): Promise<{ page: Page; problems: string[]; url: string }> {
  const host = await serve(casePath);
  t.after(() => host.stop());
  const browser = await launchChromium();
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport });
  const problems = watchPage(page, new URL(host.url).host);
  // The printed address with its token, as a user opens it: serve answers with the cookie the page then uses.
  await page.goto(host.url);
  await page.waitForSelector('[data-testid=row][data-loaded=true]');
  return { page, problems, url: host.url };
}
