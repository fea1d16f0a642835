// The SQL console's result in Chromium against `auditdesk serve`: outcomes read as words, the whole
// result copies as TSV and one cell with Ctrl+C, Export CSV downloads it with formula-like cells
// neutralised, a row with an id opens its event (double-click or Enter), and the schema browser puts
// table and column names into the statement.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT, tempDir } from '../helpers/paths';
import { cli } from '../helpers/cli';
import { openServedCase } from '../helpers/browser';
import { writeMultiVendorCase } from '../investigate/multi-vendor';
import { OUTCOMES } from '../../src/shared/event';

async function runStatement(page: Page, sql: string, rows: number) {
  await page.locator('[data-testid=sql-editor] .monaco-editor').click();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  await page.keyboard.type(sql);
  await page.keyboard.press('Control+Enter');
  await page.waitForFunction((n) => document.querySelector('[data-testid=sql-status]')?.getAttribute('data-total') === n, String(rows));
  await page.locator('[data-testid=sql-row][data-index="0"] [data-col]').first().waitFor();
}

const cellOf = (page: Page, row: number, col: number) => page.locator(`[data-testid=sql-row][data-index="${row}"] [data-col="${col}"]`);
const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

test('SQL console results: outcomes as text, copy, CSV export, open the event, schema browser', async (t) => {
  const dir = tempDir();
  const casePath = path.join(dir, 'sqlres.auditdesk');
  const { files } = writeMultiVendorCase(dir, 40);
  assert.equal(cli(['import', casePath, ...files, '--json']).code, 0);
  const { page, problems, url } = await openServedCase(t, casePath, { width: 1280, height: 800 });
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
  const shots = path.join(REPO_ROOT, 'test-results');
  fs.mkdirSync(shots, { recursive: true });

  await page.getByTestId('timeline-scroll').focus();
  await page.keyboard.press('Alt+q');
  await page.locator('[data-testid=sql-editor] .monaco-editor').waitFor();

  // Outcomes: the stored code is shown as the word it stands for.
  const stmt = 'SELECT id, actor, outcome FROM events ORDER BY id LIMIT 5';
  const stored = (JSON.parse(cli(['sql', casePath, stmt, '--json']).stdout) as { rows: [number, string, number][] }).rows;
  await runStatement(page, stmt, 5);
  for (let i = 0; i < 5; i++) assert.equal(await cellOf(page, i, 2).textContent(), OUTCOMES[stored[i][2]]);
  await page.screenshot({ path: path.join(shots, 'sql-results.png') });

  // Copy: the whole result as TSV (header and every row), by mouse.
  await page.getByTestId('sql-copy').click();
  await page.getByTestId('sql-notice').filter({ hasText: 'copied 5 rows' }).waitFor();
  const tsv = await clipboard(page);
  assert.deepEqual(tsv.trimEnd().split('\n'), ['id\tactor\toutcome', ...stored.map(([id, actor, o]) => `${id}\t${actor ?? ''}\t${OUTCOMES[o]}`)]);

  // One cell by keyboard: arrows move the cursor from the first cell, Ctrl+C copies it.
  await page.getByTestId('sql-result').focus();
  await page.keyboard.press('ArrowDown'); // puts the cursor on the first cell
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  assert.equal(await cellOf(page, 1, 1).getAttribute('aria-selected'), 'true');
  await page.keyboard.press('Control+c');
  await page.getByTestId('sql-notice').filter({ hasText: 'copied one cell' }).waitFor();
  assert.equal(await clipboard(page), stored[1][1] ?? '');

  // Enter opens that row's event in the detail pane; a double-click on another row opens that one.
  await page.keyboard.press('Enter');
  await page.waitForFunction((id) => document.querySelector('[data-testid=detail-panel]')?.getAttribute('data-event-id') === id, String(stored[1][0]));
  await cellOf(page, 3, 0).dblclick();
  await page.waitForFunction((id) => document.querySelector('[data-testid=detail-panel]')?.getAttribute('data-event-id') === id, String(stored[3][0]));
  await page.screenshot({ path: path.join(shots, 'sql-results-open-event.png') });

  // Export CSV: a download whose formula-like cells get the export's ' prefix; plain negatives stay.
  await runStatement(page, "SELECT '=HYPERLINK(\"x\")' AS f, '-12' AS n, '@SUM(A1)' AS g, 'a,b' AS q", 1);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('sql-export').click()]);
  assert.equal(download.suggestedFilename(), 'sql-result.csv');
  const csv = fs.readFileSync((await download.path())!, 'utf8');
  assert.equal(csv, 'f,n,g,q\r\n"\'=HYPERLINK(""x"")",-12,\'@SUM(A1),"a,b"\r\n');

  // Schema browser: the case's tables and columns; clicking inserts the name at the cursor, and
  // Enter on a focused name does the same.
  await page.getByTestId('sql-schema-toggle').click();
  await page.locator('[data-testid=schema-column][data-table=events][data-name=outcome]').waitFor();
  const tables = await page.$$eval('[data-testid=schema-table]', (b) => b.map((x) => x.getAttribute('data-name')));
  for (const name of ['events', 'sources', 'bookmarks']) assert.ok(tables.includes(name), `${name} listed`);
  // It runs down beside the editor and the result, not squeezed to the editor's height (96 px).
  const schemaBox = (await page.locator('.sql-schema').boundingBox())!;
  const resultBox = (await page.getByTestId('sql-result').boundingBox())!;
  assert.ok(schemaBox.y + schemaBox.height >= resultBox.y + resultBox.height - 2, `schema ${JSON.stringify(schemaBox)} result ${JSON.stringify(resultBox)}`);
  await page.screenshot({ path: path.join(shots, 'sql-schema.png') });
  await page.locator('[data-testid=sql-editor] .monaco-editor').click();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  await page.keyboard.type('SELECT count(*) AS n FROM ');
  await page.locator('[data-testid=schema-table][data-name=events]').click();
  await page.keyboard.type(' WHERE ');
  await page.locator('[data-testid=schema-column][data-table=events][data-name=outcome]').focus();
  await page.keyboard.press('Enter');
  await page.keyboard.type(' >= 0');
  await page.keyboard.press('Control+Enter');
  await page.waitForFunction(() => document.querySelector('.sql-header .sql-cell:nth-child(2)')?.textContent === 'n');
  const total = (JSON.parse(cli(['sql', casePath, 'SELECT count(*) FROM events', '--json']).stdout) as { rows: number[][] }).rows[0][0];
  await page.waitForFunction((n) => document.querySelector('[data-testid=sql-row][data-index="0"] [data-col="0"]')?.textContent === n, String(total));
  assert.equal(await page.getByTestId('sql-error').count(), 0);
  assert.deepEqual(problems, []);
});
