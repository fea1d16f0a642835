// Full-text search in Chromium against `auditdesk serve`: the first search builds the index, results
// agree with the CLI, every row shows where its raw record matched with the hits highlighted.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT, tempDir } from '../helpers/paths';
import { cli } from '../helpers/cli';
import { openServedCase } from '../helpers/browser';
import { writeMultiVendorCase } from '../investigate/multi-vendor';
import { tokenize } from '../../src/shared/search';

const waitTotal = (page: Page, n: number) =>
  page.waitForFunction((v) => document.querySelector('[data-testid=match-count]')?.getAttribute('data-total') === v, String(n));

test('full-text search: phrase and prefix, highlighted matches, same counts as the CLI', async (t) => {
  const dir = tempDir();
  const casePath = path.join(dir, 'search.auditdesk');
  const { files, total } = writeMultiVendorCase(dir, 150);
  assert.equal(cli(['import', casePath, ...files, '--json']).code, 0);
  const cliTotal = (s: string) => (JSON.parse(cli(['query', casePath, '--search', s, '--limit', '0', '--json']).stdout) as { total: number }).total;
  const phrase = '"salesforce report 991"';
  const prefix = 'crm_exp*';
  const expectPhrase = cliTotal(phrase);
  const expectPrefix = cliTotal(prefix);
  assert.ok(expectPhrase > 0 && expectPhrase < total);

  const { page, problems } = await openServedCase(t, casePath, { width: 1400, height: 900 });
  await waitTotal(page, total);

  await page.keyboard.press('Alt+s');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'search-box');
  await page.keyboard.type(phrase);
  await waitTotal(page, expectPhrase);
  await page.waitForSelector('[data-testid=row][data-loaded=true] [data-testid=match-line] mark');
  const marks = await page.$$eval('[data-testid=row][data-loaded=true]', (rows) =>
    rows.map((r) => [...r.querySelectorAll('mark')].map((m) => m.textContent?.toLowerCase())),
  );
  assert.equal(marks.length, expectPhrase);
  // The phrase is one mark, from its first word to its last.
  for (const m of marks) assert.deepEqual(tokenize(m[0] ?? ''), ['salesforce', 'report', '991']);
  // Hits are highlighted, each match line stays one line (cut with an ellipsis), and the search box keeps its room.
  assert.equal(
    await page
      .locator('[data-testid=match-line] mark')
      .first()
      .evaluate((e) => getComputedStyle(e).backgroundColor),
    'rgb(253, 230, 138)',
  );
  for (const h of await page.$$eval('[data-testid=match-line]', (ls) => ls.map((l) => l.getBoundingClientRect().height)))
    assert.ok(h < 24, `a match line ${h}px high`);
  assert.ok((await page.getByTestId('search-box').evaluate((e) => e.getBoundingClientRect().width)) >= 200);
  fs.mkdirSync(path.join(REPO_ROOT, 'test-results'), { recursive: true });
  await page.screenshot({ path: path.join(REPO_ROOT, 'test-results', 'search.png') });

  await page.getByTestId('search-box').fill(prefix);
  await waitTotal(page, expectPrefix);
  await page.waitForFunction(() =>
    [...document.querySelectorAll('[data-testid=row][data-loaded=true]')].every((r) =>
      (r.querySelector('mark')?.textContent ?? '').toLowerCase().startsWith('crm'),
    ),
  );
  await page.getByTestId('filter-clear').click();
  await waitTotal(page, total);
  assert.equal(await page.locator('[data-testid=match-line]').count(), 0);
  assert.deepEqual(problems, []);
});
