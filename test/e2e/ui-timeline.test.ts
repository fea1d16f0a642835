// The renderer against scripts/ui-dev-mock.mjs (a fake backend of 1,000,000 generated events):
// scrolling to both ends, keyboard, filters, detail with monaco, mapping, import progress, and
// that the page makes no request beyond its own host and logs no errors.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const root = join(import.meta.dirname, '..', '..');
const built = existsSync(join(root, 'out', 'renderer', 'index.html'));
// npm test builds out/ and installs Chromium first, so a missing one is a failure, never a skip.
if (!built || !existsSync('/usr/bin/chromium')) throw new Error('needs out/renderer (npm run build) and /usr/bin/chromium');
const skip = false;
const port = 20_000 + Math.floor(Math.random() * 20_000);
const origin = `127.0.0.1:${port}`;

let mock: ChildProcess | undefined;
let browser: Browser | undefined;
let page: Page;
const problems: string[] = [];

before(async () => {
  if (skip) return;
  mock = spawn(process.execPath, [join(root, 'scripts', 'ui-dev-mock.mjs'), '--port', String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    mock!.stdout!.on('data', (d: Buffer) => String(d).includes('ui-dev-mock:') && resolve());
    mock!.on('exit', (c) => reject(new Error(`mock exited ${c}`)));
  });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (!['data:', 'blob:'].includes(u.protocol) && u.host !== origin) problems.push(`request: ${r.url()}`);
  });
  await page.goto(`http://${origin}/`);
  await page.waitForSelector('[data-testid=row][data-loaded=true]');
});

after(async () => {
  await browser?.close();
  mock?.kill();
});

const rowEdges = (which: 'first' | 'last') =>
  page.$$eval(
    '[data-testid=row]',
    (rows, w) => {
      const sorted = rows.map((r) => ({ i: Number((r as HTMLElement).dataset.index), box: r.getBoundingClientRect() }));
      sorted.sort((a, b) => a.i - b.i);
      const r = w === 'first' ? sorted[0] : sorted[sorted.length - 1];
      return { index: r.i, top: r.box.top, bottom: r.box.bottom };
    },
    which,
  );
const viewport = () => page.getByTestId('timeline-scroll').evaluate((e) => e.getBoundingClientRect());

test('End and Home reach the last and the first of 1,000,000 rows', { skip }, async () => {
  assert.equal(await page.getByTestId('match-count').getAttribute('data-total'), '1000000');
  await page.getByTestId('timeline-scroll').focus();
  await page.keyboard.press('End');
  await page.waitForSelector('[data-testid=row][data-index="999999"][data-loaded=true]');
  const last = await rowEdges('last');
  assert.equal(last.index, 999_999);
  assert.ok(Math.abs(last.bottom - (await viewport()).bottom) <= 2, 'last row sits at the bottom');
  await page.keyboard.press('Home');
  await page.waitForSelector('[data-testid=row][data-index="0"][data-loaded=true]');
  assert.ok(Math.abs((await rowEdges('first')).top - (await viewport()).top) <= 1);
});

test('dragging the scrollbar to the end shows the last row', { skip }, async () => {
  await page.getByTestId('timeline-scroll').evaluate((e) => (e.scrollTop = e.scrollHeight));
  await page.waitForSelector('[data-testid=row][data-index="999999"][data-loaded=true]');
  const last = await rowEdges('last');
  assert.ok(last.bottom <= (await viewport()).bottom + 1.5, `last row bottom ${last.bottom}`);
  await page.getByTestId('timeline-scroll').evaluate((e) => (e.scrollTop = 0));
  await page.waitForSelector('[data-testid=row][data-index="0"]');
});

test('keys move the selection; Enter opens the detail with monaco', { skip }, async () => {
  const scroll = page.getByTestId('timeline-scroll');
  await scroll.focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('j');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('k');
  assert.equal(await scroll.getAttribute('data-selected'), '1');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid=detail-panel][data-event-id=e1]');
  await page.waitForSelector('[data-testid=monaco-container] .view-lines');
  const text = await page.$eval('[data-testid=monaco-container] .view-lines', (e) => e.textContent ?? '');
  assert.match(text, /"actor"/);
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid=detail-panel]', { state: 'detached' });
});

test('after a click on a row, keys work', { skip }, async () => {
  await page.locator('[data-testid=row][data-index="3"]').click();
  await page.waitForSelector('[data-testid=detail-panel][data-event-id=e3]');
  await page.keyboard.press('j');
  assert.equal(await page.getByTestId('timeline-scroll').getAttribute('data-selected'), '4');
  await page.waitForSelector('[data-testid=detail-panel][data-event-id=e4]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid=detail-panel]', { state: 'detached' });
});

test('column filters narrow the count', { skip }, async () => {
  await page.getByTestId('col-filter-outcome').selectOption('denied');
  await page.waitForFunction(() => {
    const t = document.querySelector<HTMLElement>('[data-testid=match-count]')?.dataset.total;
    return t && t !== '1000000';
  });
  const total = Number(await page.getByTestId('match-count').getAttribute('data-total'));
  assert.ok(total > 0 && total < 1_000_000);
  const outcomes = await page.$$eval('[data-testid=row] [data-testid=outcome-badge]', (b) => b.map((x) => x.textContent));
  assert.ok(outcomes.length > 0 && outcomes.every((o) => o === 'denied'));
  await page.getByTestId('filter-clear').click();
  await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-testid=match-count]')?.dataset.total === '1000000');
});

test('mapping dialog loads and saves', { skip }, async () => {
  await page.getByTestId('sources-toggle').click();
  await page.getByTestId('mapping-button').first().click();
  await page.waitForSelector('[data-testid=mapping-row][data-field=actor]');
  await page.getByTestId('mapping-save').click();
  await page.waitForSelector('[data-testid=mapping-dialog]', { state: 'detached' });
  assert.equal(await page.locator('.sources-table .origin').first().textContent(), 'saved');
  await page.getByTestId('sources-toggle').click();
});

test('an upload shows progress, then the report', { skip }, async () => {
  await page.getByTestId('add-files-input').setInputFiles([{ name: 'a.jsonl', mimeType: 'application/json', buffer: Buffer.from('{"a":1}\n') }]);
  await page.waitForSelector('[data-testid=progress-bar]');
  await page.waitForSelector('[data-testid=import-report-item]', { timeout: 15_000 });
  assert.match((await page.getByTestId('report-errors').textContent()) ?? '', /7 more/);
  await page.getByTestId('import-report-dismiss').click();
});

test('no console errors and no requests beyond the local host', { skip }, () => {
  assert.deepEqual(problems, []);
});
