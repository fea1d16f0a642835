// Dark mode and the histogram's scales in Chromium against `auditdesk serve`: the scheme follows the
// system until the header switch picks one (mouse or keyboard), is remembered, reaches Monaco, and no
// panel keeps a light background in dark; the histogram's log scale is a remembered toggle and empty
// years of a decade-long case are drawn as gaps.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { tempDir, SHOTS_DIR } from '../helpers/paths';
import { cli } from '../helpers/cli';
import { openServedCase } from '../helpers/browser';
import { opboxJsonl } from '../helpers/generate';
import { writeMultiVendorCase } from '../investigate/multi-vendor';

const theme = (page: Page) => page.evaluate(() => document.documentElement.dataset.theme);

/**
 * Visible elements painted with a light background (relative luminance above 0.5). A string, not a
 * function: tsx would wrap the helper's inner functions in a `__name` call the page does not have.
 */
const LIGHT_PANELS = `(() => {
  const lum = (c) => {
    const m = /rgba?\\(([\\d.]+), ([\\d.]+), ([\\d.]+)(?:, ([\\d.]+))?\\)/.exec(c);
    if (!m || (m[4] !== undefined && Number(m[4]) < 0.5)) return 0;
    const ch = [m[1], m[2], m[3]].map((v) => {
      const x = Number(v) / 255;
      return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
  };
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    const bg = getComputedStyle(el).backgroundColor;
    if (lum(bg) > 0.5) out.push(el.tagName.toLowerCase() + '.' + el.className + ' ' + bg);
  }
  return out;
})()`;
const lightPanels = (page: Page) => page.evaluate<string[]>(LIGHT_PANELS);

test('dark mode follows the system, is switchable by mouse and keyboard, remembered, and reaches every panel', async (t) => {
  const dir = tempDir();
  const casePath = path.join(dir, 'dark.auditdesk');
  const { files } = writeMultiVendorCase(dir, 100);
  assert.equal(cli(['import', casePath, ...files, '--json']).code, 0);
  const { page, problems } = await openServedCase(t, casePath, { width: 1280, height: 800 });

  // "system" follows prefers-color-scheme, also when it changes while the page is open.
  assert.equal(await page.getByTestId('theme-switch').inputValue(), 'system');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');

  // Each panel in dark: timeline, overview with facets, event panel with Monaco, then SQL and Findings.
  await page.locator('[data-testid=row][data-loaded=true]').first().click();
  await page.getByTestId('facets-toggle').click();
  await page.locator('[data-testid=detail-panel] [data-testid=monaco-container] .monaco-editor').waitFor();
  assert.deepEqual(await lightPanels(page), []);
  fs.mkdirSync(SHOTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS_DIR, 'dark-mode.png') });
  await page.getByTestId('sql-toggle').click();
  await page.locator('.sql-editor .monaco-editor').waitFor();
  assert.equal(await page.locator('.monaco-editor.vs-dark').count(), await page.locator('.monaco-editor').count());
  assert.deepEqual(await lightPanels(page), []);
  await page.screenshot({ path: path.join(dir, 'dark-sql.png') });
  await page.getByTestId('findings-toggle').click();
  await page.getByTestId('run-rules').click();
  await page.getByTestId('findings-summary').waitFor();
  assert.deepEqual(await lightPanels(page), []);
  await page.screenshot({ path: path.join(dir, 'dark-findings.png') });

  // The export dialog in dark.
  await page.getByTestId('export-open').click();
  await page.getByTestId('export-dialog').waitFor();
  assert.deepEqual(await lightPanels(page), []);
  await page.screenshot({ path: path.join(dir, 'dark-dialog.png') });
  console.error(`screenshots in ${dir}`);
  await page.keyboard.press('Escape');
  await page.getByTestId('export-dialog').waitFor({ state: 'detached' });

  // Light by mouse, against the dark system; Monaco follows without reopening.
  await page.getByTestId('theme-switch').selectOption('light');
  assert.equal(await theme(page), 'light');
  await page.waitForFunction(() => document.querySelectorAll('.monaco-editor.vs-dark').length === 0);
  // Dark by keyboard, from light: the next option down.
  await page.getByTestId('theme-switch').focus();
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.getByTestId('theme-switch').inputValue(), 'dark');
  assert.equal(await theme(page), 'dark');

  // Remembered over a reload, and "dark" holds against a light system.
  await page.emulateMedia({ colorScheme: 'light' });
  await page.reload();
  await page.waitForSelector('[data-testid=row][data-loaded=true]');
  assert.equal(await theme(page), 'dark');
  assert.equal(await page.getByTestId('theme-switch').inputValue(), 'dark');
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(bg, 'rgb(13, 17, 23)');
  assert.deepEqual(problems, []);
});

/** opbox events at the given times (the generator's records, re-dated). */
function datedOpbox(times: number[]): string {
  const lines = opboxJsonl(times.length).trim().split('\n');
  return `${lines.map((l, i) => JSON.stringify({ ...(JSON.parse(l) as object), createdAt: new Date(times[i]).toISOString() })).join('\n')}\n`;
}

const barHeights = (page: Page) => page.locator('[data-testid=histogram] rect.hbar').evaluateAll((rs) => rs.map((r) => Number(r.getAttribute('height'))));

test('the histogram has a remembered log scale (mouse and L) and skips empty years as gaps', async (t) => {
  const dir = tempDir();
  const casePath = path.join(dir, 'decade.auditdesk');
  // 2,000 events in early 2012, one in mid 2016, 50 in late 2024: two empty runs of several years.
  const times = [
    ...Array.from({ length: 2000 }, (_, i) => Date.UTC(2012, 0, 3) + i * 3_600_000),
    Date.UTC(2016, 6, 1),
    ...Array.from({ length: 50 }, (_, i) => Date.UTC(2024, 10, 1) + i * 86_400_000),
  ];
  const file = path.join(dir, 'opbox-audit.jsonl');
  fs.writeFileSync(file, datedOpbox(times));
  assert.equal(cli(['import', casePath, file, '--json']).code, 0);
  const { page, problems } = await openServedCase(t, casePath, { width: 1280, height: 800 });
  const hist = page.getByTestId('histogram');
  await hist.waitFor();

  // Empty years are gaps: both long empty runs, each one slot, and the axis says so.
  assert.equal(await hist.getAttribute('data-gaps'), '2');
  assert.equal(await page.getByTestId('histogram-gap').count(), 2);
  await page.getByText('empty years skipped').waitFor();
  const slots = await page.locator('[data-testid=histogram] svg').getAttribute('viewBox');
  const buckets = Number(await hist.getAttribute('data-buckets'));
  assert.ok(Number(slots!.split(' ')[2]) < buckets / 2, `${slots} for ${buckets} buckets`);
  // A gap title names the skipped range.
  const gapTitle = await page.locator('[data-testid=histogram-gap] title').first().textContent();
  assert.match(gapTitle!, /^no events .*2012.*–.*201[56].*\(skipped\)$/);

  // Linear: the lone 2016 event is the minimum sliver; log: it stands well above it.
  assert.equal(await hist.getAttribute('data-log'), 'false');
  const linear = await barHeights(page);
  assert.equal(Math.min(...linear), 1.5);
  await page.getByTestId('histogram-log').click();
  await page.waitForSelector('[data-testid=histogram][data-log=true]');
  const logged = await barHeights(page);
  assert.ok(Math.min(...logged) > 3, `log heights ${logged.join(',')}`);
  assert.equal(await page.getByTestId('histogram-log').getAttribute('aria-pressed'), 'true');
  await page.getByTestId('overview').screenshot({ path: path.join(SHOTS_DIR, 'histogram-gaps.png') });

  // Remembered over a reload; L on the focused histogram switches it back.
  await page.reload();
  await page.waitForSelector('[data-testid=histogram][data-log=true]');
  await page.locator('[data-testid=histogram] svg').focus();
  await page.keyboard.press('l');
  await page.waitForSelector('[data-testid=histogram][data-log=false]');

  assert.deepEqual(problems, []);
});
