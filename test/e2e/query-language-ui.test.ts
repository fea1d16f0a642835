// The query language in the filter box, in Chromium against `auditdesk serve`: results equal the CLI's
// --q; a syntax error shows inline with a caret at its position while the previous results stay; chips
// are the query's clauses: filter for / out and Ctrl+OR from facets (mouse and keyboard), filter out
// from a cell, click to negate, × to remove.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT, tempDir, SHOTS_DIR } from '../helpers/paths';
import { cli } from '../helpers/cli';
import { openServedCase } from '../helpers/browser';
import { writeMultiVendorCase } from '../investigate/multi-vendor';

const waitTotal = (page: Page, n: number) =>
  page.waitForFunction((v) => document.querySelector('[data-testid=match-count]')?.getAttribute('data-total') === v, String(n));
const cliTotal = (casePath: string, q: string) => (JSON.parse(cli(['query', casePath, '--q', q, '--limit', '0', '--json']).stdout) as { total: number }).total;
const chips = (page: Page) => page.$$eval('[data-testid=query-chip]', (c) => c.map((x) => (x as HTMLElement).dataset.clause));
const box = (page: Page) => page.getByTestId('filter-box');

test('the filter box takes the query language; errors inline; chips are views of the query', async (t) => {
  const dir = tempDir();
  const casePath = path.join(dir, 'ql.auditdesk');
  const { files, total: n } = writeMultiVendorCase(dir, 150);
  assert.equal(cli(['import', casePath, ...files, '--json']).code, 0);
  const { page, problems } = await openServedCase(t, casePath, { width: 1280, height: 800 });
  await waitTotal(page, n);

  // A query with OR and NOT gives what the CLI gives.
  const q = 'outcome:(failure OR denied) -vendor:opbox';
  await box(page).fill(q);
  const want = cliTotal(casePath, q);
  assert.ok(want > 0 && want < n);
  await waitTotal(page, want);
  assert.deepEqual(await chips(page), ['outcome:(failure OR denied)', '-vendor:opbox']);

  // A syntax error: shown under the box with a caret at its character; the results and chips stay.
  const broken = `${q} AND (actor:x`;
  await box(page).fill(broken);
  const err = page.getByTestId('query-error');
  await err.waitFor();
  assert.equal(await err.getAttribute('data-offset'), String(broken.indexOf('(actor')));
  assert.match((await err.textContent())!, /unclosed "\("/);
  const lines = (await err.locator('pre').textContent())!.split('\n');
  assert.equal(lines[1].indexOf('^'), broken.indexOf('(actor'));
  assert.equal(await box(page).getAttribute('aria-invalid'), 'true');
  await page.waitForTimeout(600); // longer than the filter's debounce: nothing is sent
  assert.equal(await page.getByTestId('match-count').getAttribute('data-total'), String(want));
  assert.equal(await page.getByTestId('timeline-scroll').getAttribute('data-pending'), 'false');
  assert.deepEqual(await chips(page), ['outcome:(failure OR denied)', '-vendor:opbox']);
  await page.screenshot({ path: path.join(REPO_ROOT, 'test-results', 'query-language-error.png') });

  // Facets: a click filters for a value, Ctrl+click ORs a second one (starting from the valid query).
  await box(page).fill('');
  await waitTotal(page, n);
  await page.keyboard.press('Alt+f');
  await page.getByTestId('facets').waitFor();
  await page.locator('[data-testid=facet-vendor] .facet-value[data-value=openclaw]').click();
  await waitTotal(page, cliTotal(casePath, 'vendor:openclaw'));
  await page.locator('[data-testid=facet-vendor] .facet-value[data-value=opbox]').click({ modifiers: ['Control'] });
  assert.equal(await box(page).inputValue(), 'vendor:("openclaw" OR "opbox")');
  await waitTotal(page, cliTotal(casePath, 'vendor:(openclaw OR opbox)'));

  // By keyboard: Ctrl+Enter on a facet value ORs it (the vendor facet is counted without the vendor
  // clause, so the vendors not picked are still listed), "-" filters a value out.
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=facet-vendor] .facet-value').length > 2);
  const third = (await page.$$eval('[data-testid=facet-vendor] .facet-value', (b) => b.map((x) => (x as HTMLElement).dataset.value))).find(
    (v) => v !== 'openclaw' && v !== 'opbox',
  )!;
  await page.locator(`[data-testid=facet-vendor] .facet-value[data-value=${third}]`).focus();
  await page.keyboard.press('Control+Enter');
  assert.equal(await box(page).inputValue(), `vendor:("openclaw" OR "opbox" OR "${third}")`);
  await waitTotal(page, cliTotal(casePath, `vendor:(openclaw OR opbox OR ${third})`));
  const success = page.locator('[data-testid=facet-outcome] .facet-value[data-value=success]');
  await success.focus();
  await page.keyboard.press('-');
  assert.equal(await box(page).inputValue(), `vendor:("openclaw" OR "opbox" OR "${third}") -outcome:"success"`);

  // Alt+Shift+click on a cell filters its value out.
  await waitTotal(page, cliTotal(casePath, `vendor:(openclaw OR opbox OR ${third}) -outcome:success`));
  const cell = page.locator('[data-testid=row][data-index="0"] [data-ff=actor]');
  const actor = (await cell.getAttribute('data-fv'))!;
  await cell.click({ modifiers: ['Alt', 'Shift'] });
  assert.equal(await box(page).inputValue(), `vendor:("openclaw" OR "opbox" OR "${third}") -outcome:"success" -actor:"${actor}"`);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=query-chip]').length === 3);
  await page.screenshot({ path: path.join(REPO_ROOT, 'test-results', 'query-language-chips.png') });

  // Clicking a chip negates it (Enter on it, by keyboard, too); × removes it.
  await page.getByRole('button', { name: 'Negate -outcome:"success"' }).click();
  assert.equal(await box(page).inputValue(), `vendor:("openclaw" OR "opbox" OR "${third}") outcome:"success" -actor:"${actor}"`);
  await page.waitForFunction(() => document.querySelector('[data-testid=query-chip][data-clause^=outcome]') !== null);
  await page.getByRole('button', { name: 'Negate outcome:"success"' }).focus();
  await page.keyboard.press('Enter');
  assert.equal(await box(page).inputValue(), `vendor:("openclaw" OR "opbox" OR "${third}") -outcome:"success" -actor:"${actor}"`);
  await page.waitForFunction(() => document.querySelector('[data-testid=query-chip][data-clause^="-outcome"]') !== null);
  await page.getByRole('button', { name: `Remove -actor:"${actor}"` }).click();
  assert.equal(await box(page).inputValue(), `vendor:("openclaw" OR "opbox" OR "${third}") -outcome:"success"`);
  await waitTotal(page, cliTotal(casePath, `vendor:(openclaw OR opbox OR ${third}) -outcome:success`));

  // The README screenshot: chips, and an error being typed after them.
  await box(page).fill(`vendor:("openclaw" OR "opbox" OR "${third}") -outcome:"success" AND actor:(alice OR`);
  await page.getByTestId('query-error').waitFor();
  fs.mkdirSync(SHOTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS_DIR, 'query-language.png') });
  assert.deepEqual(problems, []);
});
