// The timeline, its panel and its numbers stay in step in Chromium against `auditdesk serve`: the
// highlight follows the event the panel shows (trace steps, filter changes) or the panel says it is
// not in the filter; a new filter shows the old rows dimmed with "counting…" (never a blank list or a
// wrong "N of N"); a search keeps the list while it runs.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { tempDir } from '../helpers/paths';
import { cli } from '../helpers/cli';
import { openServedCase } from '../helpers/browser';
import { opboxJsonl } from '../helpers/generate';
import { writeMultiVendorCase } from '../investigate/multi-vendor';

const waitTotal = (page: Page, n: number) =>
  page.waitForFunction((v) => document.querySelector('[data-testid=match-count]')?.getAttribute('data-total') === v, String(n));

/** Waits until the highlighted row is the event in the panel, and returns its id. */
const highlightIsShown = (page: Page, id: string) =>
  page.waitForFunction((want) => {
    const sel = document.querySelector('[data-testid=timeline-scroll]')?.getAttribute('data-selected');
    const row = sel ? document.querySelector(`[data-testid=row][data-index="${sel}"]`) : null;
    return row?.getAttribute('data-id') === want && document.querySelector('[data-testid=detail-panel]')?.getAttribute('data-event-id') === want;
  }, id);

test('the highlight follows the event in the panel; an event outside the filter is said to be', async (t) => {
  const dir = tempDir();
  const casePath = path.join(dir, 'sync.auditdesk');
  const { files, total } = writeMultiVendorCase(dir, 100);
  assert.equal(cli(['import', casePath, ...files, '--json']).code, 0);
  const { page, problems } = await openServedCase(t, casePath, { width: 1280, height: 800 });

  await page.getByTestId('col-filter-actor').fill('exfil_agent');
  await waitTotal(page, 1);
  await page.locator('[data-testid=row][data-loaded=true]').first().click();
  const adminId = (await page.locator('[data-testid=row][data-loaded=true]').first().getAttribute('data-id'))!;
  // The filter goes: the event stays in the panel and the highlight moves to its row in the full list.
  await page.getByTestId('col-filter-actor').fill('');
  await waitTotal(page, total);
  await highlightIsShown(page, adminId);

  // A trace step opened from the panel (mouse, then keyboard) is highlighted in the timeline.
  await page.getByTestId('tab-trace').click();
  await page.locator('[data-testid=trace-row][data-vendor=openindex]').click();
  const openindexId = (await page.locator('[data-testid=trace-row][data-vendor=openindex]').getAttribute('data-event-id'))!;
  await highlightIsShown(page, openindexId);
  await page.locator('[data-testid=trace-row][data-vendor=opbox]').focus();
  await page.keyboard.press('Enter');
  const opboxId = (await page.locator('[data-testid=trace-row][data-vendor=opbox]').getAttribute('data-event-id'))!;
  await highlightIsShown(page, opboxId);

  // A filter without it: no row is highlighted and the panel says the event is not in the filter.
  await page.getByTestId('col-filter-vendor').selectOption('openclaw');
  await page.getByTestId('detail-outside').waitFor();
  assert.equal(await page.getByTestId('timeline-scroll').getAttribute('data-selected'), '');
  await page.getByTestId('col-filter-vendor').selectOption('');
  await page.getByTestId('detail-outside').waitFor({ state: 'detached' });
  await highlightIsShown(page, opboxId);
  assert.deepEqual(problems, []);
});

test('with the panel open, fast arrow keys leave the cursor where the keys put it, and the panel follows', async (t) => {
  const dir = tempDir();
  const casePath = path.join(dir, 'keys.auditdesk');
  const { files } = writeMultiVendorCase(dir, 100);
  assert.equal(cli(['import', casePath, ...files, '--json']).code, 0);
  const { page, problems } = await openServedCase(t, casePath, { width: 1280, height: 800 });
  await page.locator('[data-testid=row][data-index="0"][data-loaded=true]').click();
  await page.getByTestId('detail-panel').waitFor();
  await page.getByTestId('timeline-scroll').focus();
  // Each press lands while the panel may still be on an earlier row: it must never pull the cursor back.
  for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  const want = (await page.locator('[data-testid=row][data-index="13"]').getAttribute('data-id'))!;
  await highlightIsShown(page, want);
  await page.waitForTimeout(500);
  assert.equal(await page.getByTestId('timeline-scroll').getAttribute('data-selected'), '13');
  await page.keyboard.press('Space');
  assert.deepEqual(
    await page.locator('[data-testid=row][data-marked=true]').evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.index))),
    [12],
  );
  assert.deepEqual(problems, []);
});

test('a new filter keeps the old rows dimmed with "counting…"; the first search keeps the list', async (t) => {
  const dir = tempDir();
  const casePath = path.join(dir, 'pending.auditdesk');
  const file = path.join(dir, 'opbox-audit.jsonl');
  fs.writeFileSync(file, opboxJsonl(50_000));
  assert.equal(cli(['import', casePath, file, '--json']).code, 0);
  const expect = (args: string[]) => (JSON.parse(cli(['query', casePath, ...args, '--limit', '0', '--json']).stdout) as { total: number }).total;
  const shares = expect(['--where', 'action~SHARE']);
  const { page, problems } = await openServedCase(t, casePath, { width: 1280, height: 800 });
  await waitTotal(page, 50_000);

  // Every state the page passes through, recorded as it happens.
  await page.evaluate(() => {
    const w = window as unknown as { states: { rows: number; count: string; pending: boolean; overview: string | null; work: string }[] };
    w.states = [];
    new MutationObserver(() =>
      w.states.push({
        rows: document.querySelectorAll('[data-testid=row][data-loaded=true]').length,
        count: document.querySelector('[data-testid=match-count]')?.textContent ?? '',
        pending: document.querySelector('[data-testid=timeline-pending]') !== null,
        overview: document.querySelector('.overview-row')?.getAttribute('data-pending') ?? null,
        work: [...document.querySelectorAll('[data-testid=work-job]')].map((j) => `${(j as HTMLElement).dataset.kind}: ${j.textContent}`).join('|'),
      }),
    ).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  await page.getByTestId('col-filter-action').focus();
  await page.keyboard.type('SHARE');
  await waitTotal(page, shares);
  type State = { rows: number; count: string; pending: boolean; overview: string | null; work: string };
  let states = await page.evaluate(() => (window as unknown as { states: State[] }).states);
  assert.ok(states.length > 0);
  assert.ok(
    states.every((s) => s.rows > 0),
    'the list never went blank',
  );
  assert.ok(!states.some((s) => /^([\d,]+) of \1 events match$/.test(s.count)), `no "N of N": ${[...new Set(states.map((s) => s.count))].join(' / ')}`);
  assert.ok(
    states.some((s) => s.pending && s.count === 'counting…' && s.overview === 'true'),
    'old rows and numbers shown as pending',
  );

  // The first full-text search (serve builds the index in the background from the open: the search
  // waits for what is left of it, see search-background-ui.test.ts).
  await page.evaluate(() => ((window as unknown as { states: State[] }).states = []));
  await page.getByTestId('filter-clear').click();
  await waitTotal(page, 50_000);
  await page.keyboard.press('Alt+s');
  await page.keyboard.type('item');
  // (The CLI's count is taken after: a search from the CLI would build the index first.)
  await page.waitForFunction(() => /^[\d,]+ of /.test(document.querySelector('[data-testid=match-count]')?.textContent ?? ''));
  await page.getByTestId('work-status').waitFor({ state: 'detached' });
  const shown = await page.getByTestId('match-count').getAttribute('data-total');
  states = await page.evaluate(() => (window as unknown as { states: State[] }).states);
  assert.ok(
    states.every((s) => s.rows > 0),
    'the list never went blank',
  );
  assert.equal(shown, String(expect(['--search', 'item'])));
  assert.deepEqual(problems, []);
});
