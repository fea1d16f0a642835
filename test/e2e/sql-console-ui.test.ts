// The SQL console in Chromium against `auditdesk serve`: Alt+Q opens it, a statement typed into monaco
// runs with Ctrl+Enter, rows scroll in the virtualized grid (pages fetched as they come into view),
// writes and several statements are refused with a message, a statement that never ends leaves the rest
// of the app answering and is stopped with Cancel, and the case is unchanged.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT, tempDir } from '../helpers/paths';
import { cli } from '../helpers/cli';
import { openServedCase } from '../helpers/browser';
import { writeMultiVendorCase } from '../investigate/multi-vendor';

async function runStatement(page: Page, sql: string) {
  await page.locator('[data-testid=sql-editor] .monaco-editor').click();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  await page.keyboard.type(sql);
  await page.keyboard.press('Control+Enter');
}

test('SQL console: Ctrl+Enter runs a SELECT, the grid pages through rows, writes are refused', async (t) => {
  const dir = tempDir();
  const casePath = path.join(dir, 'sql.auditdesk');
  const { files, total } = writeMultiVendorCase(dir, 300);
  assert.equal(cli(['import', casePath, ...files, '--json']).code, 0);
  const { page, problems } = await openServedCase(t, casePath, { width: 1400, height: 900 });

  await page.getByTestId('timeline-scroll').focus();
  await page.keyboard.press('Alt+q');
  await page.locator('[data-testid=sql-editor] .monaco-editor').waitFor();
  // The starting statement runs as it is: events per vendor and action.
  await page.keyboard.press('Control+Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid=sql-status]')?.getAttribute('data-total') !== '');
  const headers = await page.$$eval('.sql-header .sql-cell', (c) => c.map((x) => x.textContent));
  assert.deepEqual(headers, ['#', 'vendor', 'action', 'events']);
  fs.mkdirSync(path.join(REPO_ROOT, 'test-results'), { recursive: true });
  await page.screenshot({ path: path.join(REPO_ROOT, 'test-results', 'sql-console.png') });

  // Every event id, in order: more rows than one page, so scrolling fetches the later pages.
  await runStatement(page, 'SELECT id, actor FROM events ORDER BY id');
  await page.waitForFunction((n) => document.querySelector('[data-testid=sql-status]')?.getAttribute('data-total') === n, String(total));
  const ids = (JSON.parse(cli(['sql', casePath, 'SELECT id FROM events ORDER BY id', '--json']).stdout) as { rows: number[][] }).rows;
  await page.getByTestId('sql-result').focus();
  await page.keyboard.press('End');
  const lastIndex = total - 1;
  await page.waitForFunction((i) => document.querySelector(`[data-testid=sql-row][data-index="${i}"] .sql-cell:nth-child(2)`)?.textContent?.length, lastIndex);
  const lastId = await page.locator(`[data-testid=sql-row][data-index="${lastIndex}"] .sql-cell`).nth(1).textContent();
  assert.equal(lastId, String(ids[lastIndex][0]));
  assert.ok((await page.getByTestId('sql-row').count()) < 200, 'only the rows in view are in the DOM');

  // Refused: a write, and a write hidden after a SELECT; the message says why.
  await runStatement(page, 'DELETE FROM events');
  await page.getByTestId('sql-error').filter({ hasText: 'only SELECT, WITH and EXPLAIN' }).waitFor();
  await runStatement(page, "SELECT ';' AS s; DROP TABLE events");
  await page.getByTestId('sql-error').filter({ hasText: 'one statement at a time' }).waitFor();
  await runStatement(page, 'SELECT nope FROM events');
  await page.getByTestId('sql-error').filter({ hasText: 'no such column: nope' }).waitFor();
  await page.screenshot({ path: path.join(REPO_ROOT, 'test-results', 'sql-console-error.png') });

  // A statement that never ends runs in its own thread: the timeline, facets and metrics keep answering
  // (a facet click filters them), and Cancel stops it.
  await runStatement(page, 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n');
  await page.getByTestId('sql-cancel').waitFor();
  await page.getByTestId('facets-toggle').click();
  const openclaw = page.locator('[data-testid=facet-vendor] .facet-value[data-value=openclaw]');
  const facetCount = await openclaw.getAttribute('data-count');
  await openclaw.click();
  await page.waitForFunction((v) => document.querySelector('[data-testid=hero-total]')?.getAttribute('data-value') === v, facetCount);
  await page.waitForFunction((v) => document.querySelector('[data-testid=match-count]')?.getAttribute('data-total') === v, facetCount);
  await page.locator('[data-testid=row][data-index="0"]').waitFor();
  assert.ok(await page.getByTestId('sql-cancel').isVisible(), 'the statement is still running');
  await page.screenshot({ path: path.join(REPO_ROOT, 'test-results', 'sql-console-running.png') });
  await page.getByTestId('sql-cancel').click();
  await page.getByTestId('sql-error').filter({ hasText: 'cancelled' }).waitFor();
  await page.getByTestId('sql-run').waitFor();

  await runStatement(page, 'SELECT count(*) AS n FROM events');
  await page.waitForFunction(() => document.querySelector('[data-testid=sql-status]')?.getAttribute('data-total') === '1');
  assert.equal(await page.locator('[data-testid=sql-row][data-index="0"] .sql-cell').nth(1).textContent(), String(total));
  assert.equal(await page.getByTestId('sql-error').count(), 0);

  // Alt+Q closes it from inside the editor, and the keyboard is back on the timeline, where it was
  // when the console opened.
  await page.keyboard.press('Alt+q');
  await page.getByTestId('sql-editor').waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'timeline-scroll');
  assert.deepEqual(problems, []);
});
