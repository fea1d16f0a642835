// Hero metrics, facets, filter chips (from a facet and from Alt+click on a cell) and histogram
// brushing in Chromium against `auditdesk serve` on a generated multi-vendor case.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT, tempDir } from '../helpers/paths';
import { cli } from '../helpers/cli';
import { openServedCase } from '../helpers/browser';
import { writeMultiVendorCase } from '../investigate/multi-vendor';

const total = (page: Page) => page.getByTestId('match-count').getAttribute('data-total');
const waitTotal = (page: Page, n: number) =>
  page.waitForFunction((v) => document.querySelector('[data-testid=match-count]')?.getAttribute('data-total') === v, String(n));
const hero = (page: Page, id: string) => page.getByTestId(`hero-${id}`).getAttribute('data-value');
const cliTotal = (casePath: string, ...where: string[]) =>
  (JSON.parse(cli(['query', casePath, ...where.flatMap((w) => ['--where', w]), '--limit', '0', '--json']).stdout) as { total: number }).total;

test('hero metrics, facets, chips from a facet and a cell, histogram brushing', async (t) => {
  const dir = tempDir();
  const casePath = path.join(dir, 'overview.auditdesk');
  const { files, total: n } = writeMultiVendorCase(dir, 400);
  assert.equal(cli(['import', casePath, ...files, '--json']).code, 0);

  const { page, problems } = await openServedCase(t, casePath, { width: 1400, height: 900 });
  await waitTotal(page, n);

  // Hero metrics agree with the CLI's counts of the same case.
  await page.waitForFunction(() => document.querySelector('[data-testid=hero-total]')?.getAttribute('data-value') !== '');
  assert.equal(await hero(page, 'total'), String(n));
  assert.equal(await hero(page, 'failures'), String(cliTotal(casePath, 'outcome=failure')));
  assert.equal(Number(await hero(page, 'warnings')), cliTotal(casePath, 'outcome=denied') + cliTotal(casePath, 'outcome=warning'));
  assert.ok(Number(await page.getByTestId('histogram').getAttribute('data-buckets')) > 10);

  // Facets by keyboard (Alt+F), then a click on the openclaw vendor adds a chip and filters.
  await page.keyboard.press('Alt+f');
  await page.getByTestId('facets').waitFor();
  const openclaw = page.locator('[data-testid=facet-vendor] .facet-value[data-value=openclaw]');
  const facetCount = Number(await openclaw.getAttribute('data-count'));
  assert.equal(facetCount, cliTotal(casePath, 'vendor=openclaw'));
  await openclaw.click();
  await waitTotal(page, facetCount);
  // Chips are the clauses of the filter box's query (test/e2e/query-language-ui.test.ts covers them).
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=query-chip]').length === 1);
  assert.deepEqual(await page.$$eval('[data-testid=query-chip]', (c) => c.map((x) => (x as HTMLElement).dataset.clause)), ['vendor:"openclaw"']);
  await page.waitForFunction((v) => document.querySelector('[data-testid=hero-total]')?.getAttribute('data-value') === v, String(facetCount));
  await page.screenshot({ path: path.join(REPO_ROOT, 'test-results', 'investigate-overview.png') });

  // Alt+click an actor cell: a second chip, rows all by that actor.
  const cell = page.locator('[data-testid=row][data-index="0"] [data-ff=actor]');
  const actor = (await cell.getAttribute('data-fv'))!;
  await cell.click({ modifiers: ['Alt'] });
  const both = cliTotal(casePath, 'vendor=openclaw', `actor=${actor}`);
  await waitTotal(page, both);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=query-chip]').length === 2);
  assert.ok(!(await page.getByTestId('detail-panel').isVisible()), 'Alt+click filters instead of opening the row');
  await page.getByRole('button', { name: `Remove actor:"${actor}"` }).click();
  await waitTotal(page, facetCount);

  // Brushing the left half of the histogram sets from/to and narrows the rows; Escape resets.
  const svg = page.locator('[data-testid=histogram] svg');
  const box = (await svg.boundingBox())!;
  await page.mouse.move(box.x + 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await page.waitForFunction(() => (document.querySelector('[data-testid=filter-from]') as HTMLInputElement).value !== '');
  const from = await page.getByTestId('filter-from').inputValue();
  const to = await page.getByTestId('filter-to').inputValue();
  assert.ok(from < to);
  const inRange = (
    JSON.parse(cli(['query', casePath, '--where', 'vendor=openclaw', '--from', from, '--to', to, '--limit', '0', '--json']).stdout) as { total: number }
  ).total;
  assert.ok(inRange > 0 && inRange < facetCount, `${inRange} of ${facetCount}`);
  await waitTotal(page, inRange);
  await page.screenshot({ path: path.join(REPO_ROOT, 'test-results', 'investigate-brushed.png') });
  await svg.focus();
  await page.keyboard.press('Escape');
  await waitTotal(page, facetCount);
  assert.equal(await total(page), String(facetCount));
  fs.mkdirSync(path.join(REPO_ROOT, 'test-results'), { recursive: true });
  assert.deepEqual(problems, []);
});
