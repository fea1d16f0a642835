// Saved views in Chromium against `auditdesk serve`: save the timeline's filters, order and columns
// under a name from the keyboard, reopen from the list and by address (#view=name), rename, delete.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT, tempDir } from '../helpers/paths';
import { cli, serve } from '../helpers/cli';
import { launchChromium, watchPage } from '../helpers/browser';
import { writeMultiVendorCase } from '../investigate/multi-vendor';

const waitTotal = (page: Page, n: number) =>
  page.waitForFunction((v) => document.querySelector('[data-testid=match-count]')?.getAttribute('data-total') === v, String(n));
const total = (page: Page) => page.getByTestId('match-count').getAttribute('data-total').then(Number);

async function timelineState(page: Page) {
  return {
    text: await page.getByTestId('filter-box').inputValue(),
    vendor: await page.getByTestId('col-filter-vendor').inputValue(),
    order: (await page.getByTestId('sort-toggle').textContent())?.includes('▼') ? 'desc' : 'asc',
    hidden: await page.getByTestId('timeline').getAttribute('data-hide'),
    requestIdShown: await page.locator('.tl-header > .th').nth(6).isVisible(),
  };
}

test('save the timeline state as a view, reopen it from the list and by #view=, rename and delete', async (t) => {
  const dir = tempDir();
  const casePath = path.join(dir, 'views.auditdesk');
  const { files, total: all } = writeMultiVendorCase(dir, 100);
  assert.equal(cli(['import', casePath, ...files, '--json']).code, 0);
  const host = await serve(casePath);
  t.after(() => host.stop());
  const browser = await launchChromium();
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('dialog', (d) => void d.accept());
  const problems = watchPage(page, new URL(host.url).host);
  await page.goto(host.url);
  await page.waitForSelector('[data-testid=row][data-loaded=true]');
  await waitTotal(page, all);

  // Filters, order and a hidden column.
  await page.getByTestId('col-filter-vendor').selectOption('openclaw');
  await page.getByTestId('filter-box').fill('user-7');
  await page.getByTestId('sort-toggle').click();
  const filtered = (JSON.parse(cli(['query', casePath, '--where', 'vendor=openclaw', '--text', 'user-7', '--json']).stdout) as { total: number }).total;
  assert.ok(filtered > 0 && filtered < all, 'the generated case has openclaw events of user-7');
  await waitTotal(page, filtered);
  await page.keyboard.press('Alt+v');
  await page.getByTestId('views-panel').waitFor();
  await page.getByTestId('column-toggle-requestId').click();
  const saved = await timelineState(page);
  assert.deepEqual(saved, { text: 'user-7', vendor: 'openclaw', order: 'desc', hidden: 'requestId', requestIdShown: false });

  // Named from the keyboard (the name box had the focus when the panel opened; the checkbox took it).
  await page.getByTestId('view-name').focus();
  await page.keyboard.type('user-7 on openclaw');
  await page.keyboard.press('Enter');
  await page.locator('[data-testid=saved-view][data-name="user-7 on openclaw"]').waitFor();
  // A second view of everything else (the state is the same: only the name differs).
  await page.getByTestId('view-name').fill('second copy');
  await page.getByTestId('view-name').press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid=views-list]')?.getAttribute('data-count') === '2');

  // Clear everything, then reopen from the list.
  await page.getByTestId('filter-clear').click();
  await page.getByTestId('sort-toggle').click();
  await page.getByTestId('column-toggle-requestId').click();
  await waitTotal(page, all);
  await page.locator('[data-testid=saved-view][data-name="user-7 on openclaw"]').focus();
  await page.keyboard.press('Enter');
  await waitTotal(page, filtered);
  assert.deepEqual(await timelineState(page), saved);
  assert.equal(new URL(page.url()).hash, '#view=user-7%20on%20openclaw');
  fs.mkdirSync(path.join(REPO_ROOT, 'test-results'), { recursive: true });
  await page.screenshot({ path: path.join(REPO_ROOT, 'test-results', 'saved-views.png') });

  // By address, in a fresh page: the view is applied as the case opens.
  const byUrl = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const urlProblems = watchPage(byUrl, new URL(host.url).host);
  await byUrl.goto(`${host.url}#view=${encodeURIComponent('user-7 on openclaw')}`);
  await waitTotal(byUrl, filtered);
  assert.deepEqual(await timelineState(byUrl), saved);
  // An unknown name says so and leaves the timeline as it is.
  await byUrl.evaluate(() => (window.location.hash = '#view=nope'));
  await byUrl.getByTestId('view-error').filter({ hasText: 'no saved view named "nope"' }).waitFor();
  assert.equal(await total(byUrl), filtered);
  assert.deepEqual(urlProblems, []);

  // Rename (Enter commits) and delete (confirmed); a reload lists what the case keeps.
  await page.locator('[data-testid=view-rename][aria-label="Rename second copy"]').click();
  await page.getByTestId('view-rename-input').fill('everything');
  await page.getByTestId('view-rename-input').press('Enter');
  await page.locator('[data-testid=saved-view][data-name="everything"]').waitFor();
  await page.locator('[data-testid=view-delete][aria-label="Delete everything"]').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=views-list]')?.getAttribute('data-count') === '1');
  await page.reload();
  await page.waitForSelector('[data-testid=row][data-loaded=true]');
  await page.keyboard.press('Alt+v');
  await page.waitForFunction(() => document.querySelector('[data-testid=views-list]')?.getAttribute('data-count') === '1');
  assert.deepEqual(await page.$$eval('[data-testid=saved-view]', (e) => e.map((x) => (x as HTMLElement).dataset.name)), ['user-7 on openclaw']);
  assert.deepEqual(problems, []);
});
