// The full-text index built in the background, in Chromium against `auditdesk serve`: after a file is
// added through the UI the status area shows the index being built, then goes; the first search then
// answers with no indexing step.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { SHOTS_DIR, tempDir } from '../helpers/paths';
import { cli } from '../helpers/cli';
import { openServedCase } from '../helpers/browser';
import { opboxJsonl } from '../helpers/generate';

const waitTotal = (page: Page, n: number) =>
  page.waitForFunction((v) => document.querySelector('[data-testid=match-count]')?.getAttribute('data-total') === v, String(n));

/** Every kind of background work shown, recorded as the page changes (a job may come and go between two looks). */
const recordWork = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { work: string[] };
    w.work = [];
    new MutationObserver(() => {
      for (const j of document.querySelectorAll('[data-testid=work-job]')) w.work.push(`${(j as HTMLElement).dataset.kind}: ${j.textContent}`);
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
const workSeen = (page: Page) => page.evaluate(() => (window as unknown as { work: string[] }).work);

test('after an import the full-text index is built in the background; the first search has no indexing step', async (t) => {
  const dir = tempDir();
  const casePath = path.join(dir, 'bg.auditdesk');
  const first = path.join(dir, 'first.jsonl');
  fs.writeFileSync(first, opboxJsonl(20, 3).replace(/cm_audit_/g, 'cm_first_'));
  assert.equal(cli(['import', casePath, first, '--json']).code, 0);
  const { page, problems } = await openServedCase(t, casePath, { width: 1280, height: 800 });
  await waitTotal(page, 20);

  // A file added through the UI: once stored, its events are indexed with progress in the status area.
  await recordWork(page);
  const added = path.join(dir, 'opbox-audit.jsonl');
  fs.writeFileSync(added, opboxJsonl(80_000, 9));
  await page.getByTestId('add-files-input').setInputFiles(added);
  await page.getByTestId('import-report').waitFor();
  await waitTotal(page, 80_020);
  await page.locator('[data-testid=work-job][data-kind=search-index]').waitFor();
  fs.mkdirSync(SHOTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS_DIR, 'search-index-background.png') });
  await page.getByTestId('work-status').waitFor({ state: 'detached' });
  const during = await workSeen(page);
  assert.ok(
    during.some((w) => /^search-index: Building the full-text index for search: [\d,]+ of 80,000 events/.test(w)),
    `index progress shown: ${[...new Set(during)].slice(0, 5).join(' / ')}`,
  );

  // The first search: answered from the index already built, no indexing shown.
  await recordWork(page);
  await page.keyboard.press('Alt+s');
  await page.keyboard.type('"Item 4242"');
  await waitTotal(page, 1);
  await page.waitForSelector('[data-testid=row][data-loaded=true] [data-testid=match-line] mark');
  assert.deepEqual(await workSeen(page), [], 'no index built for the first search');
  assert.deepEqual(problems, []);
});
