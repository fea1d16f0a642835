// Bookmarks, tags and notes in Chromium against `auditdesk serve`: annotate by keyboard from the event
// panel, list them in the side panel, filter the timeline by tag and by bookmark through chips.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT, tempDir } from '../helpers/paths';
import { cli } from '../helpers/cli';
import { openServedCase } from '../helpers/browser';
import { writeMultiVendorCase } from '../investigate/multi-vendor';

const waitTotal = (page: Page, n: number) =>
  page.waitForFunction((v) => document.querySelector('[data-testid=match-count]')?.getAttribute('data-total') === v, String(n));

test('bookmark, tag and note from the event panel; side panel; tag and bookmark chips filter', async (t) => {
  const dir = tempDir();
  const casePath = path.join(dir, 'notes.auditdesk');
  const { files, total } = writeMultiVendorCase(dir, 100);
  assert.equal(cli(['import', casePath, ...files, '--json']).code, 0);
  const { page, problems } = await openServedCase(t, casePath, { width: 1400, height: 900 });
  await waitTotal(page, total);

  // First event: bookmark (Alt+B), tag (Alt+T), note (Alt+N, Ctrl+Enter) all from the keyboard.
  await page.getByTestId('timeline-scroll').focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  const bar = page.getByTestId('annotation-bar');
  await bar.waitFor();
  // The panel and its annotation bar both show the event (each loads it on its own).
  const loadedId = (other: string) =>
    page
      .waitForFunction((o) => {
        const id = document.querySelector('[data-testid=detail-panel]')?.getAttribute('data-event-id');
        return id && id !== o && document.querySelector('[data-testid=annotation-bar]')?.getAttribute('data-id') === id ? id : null;
      }, other)
      .then((h) => h.jsonValue() as Promise<string>);
  const firstId = await loadedId('');
  await page.keyboard.press('Alt+b');
  await page.waitForFunction(() => document.querySelector('[data-testid=annotation-bar]')?.getAttribute('data-bookmarked') === 'true');
  await page.keyboard.press('Alt+t');
  await page.keyboard.type('exfiltration');
  await page.keyboard.press('Enter');
  await page.locator('[data-testid=event-tag][data-value=exfiltration]').waitFor();
  await page.keyboard.press('Alt+n');
  await page.keyboard.type('Same actor as the CRM export');
  await page.keyboard.press('Control+Enter');

  // Next event: tagged only.
  await page.getByTestId('timeline-scroll').focus();
  await page.keyboard.press('ArrowDown');
  const nextId = await loadedId(firstId);
  assert.equal(await page.getByTestId('event-tag').count(), 0);
  await page.keyboard.press('Alt+t');
  await page.keyboard.type('exfiltration');
  await page.keyboard.press('Enter');
  await page.locator('[data-testid=event-tag][data-value=exfiltration]').waitFor();

  // The side panel (Alt+L) lists both, the most recent first; its filter finds the note's text.
  await page.keyboard.press('Alt+l');
  const panel = page.getByTestId('annotations-panel');
  await panel.waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid=annotations-count]')?.getAttribute('data-total') === '2');
  assert.deepEqual(await page.$$eval('[data-testid=annotated-event]', (e) => e.map((x) => (x as HTMLElement).dataset.id)), [nextId, firstId]);
  await page.getByTestId('annotations-filter').fill('crm export');
  await page.waitForFunction(() => document.querySelector('[data-testid=annotations-count]')?.getAttribute('data-total') === '1');
  await page.screenshot({ path: path.join(REPO_ROOT, 'test-results', 'annotations.png') });
  await page.getByTestId('annotations-filter').fill('');

  // A tag in the panel filters the timeline (a chip); "bookmarked only" narrows it to one.
  await page.locator('[data-testid=tag-filter][data-value=exfiltration]').click();
  await waitTotal(page, 2);
  await page.getByTestId('filter-bookmarked').click();
  await waitTotal(page, 1);
  assert.deepEqual(await page.$$eval('[data-testid=chip]', (c) => c.map((x) => `${(x as HTMLElement).dataset.field}=${(x as HTMLElement).dataset.value}`)), [
    'tag=exfiltration',
    'bookmarked=true',
  ]);
  assert.equal(await page.locator('[data-testid=row][data-loaded=true]').first().getAttribute('data-id'), firstId);
  fs.mkdirSync(path.join(REPO_ROOT, 'test-results'), { recursive: true });
  await page.screenshot({ path: path.join(REPO_ROOT, 'test-results', 'annotations-filtered.png') });

  // Un-bookmarking while filtered by bookmark empties the result.
  await page.locator('[data-testid=row][data-loaded=true]').first().click();
  await page.waitForFunction(() => document.querySelector('[data-testid=annotation-bar]')?.getAttribute('data-bookmarked') === 'true');
  await page.getByTestId('bookmark-toggle').click();
  await waitTotal(page, 0);
  await page.getByRole('button', { name: 'Remove filter bookmarked' }).click();
  await waitTotal(page, 2);
  assert.deepEqual(problems, []);
});
