// The event panel's annotation bar after a bulk action in the grid, in Chromium against `auditdesk
// serve`: bookmarking or tagging a selection that holds the open event shows at once in the bar (it
// used to keep the state it loaded when the event was opened).
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { tempDir } from '../helpers/paths';
import { cli } from '../helpers/cli';
import { openServedCase } from '../helpers/browser';
import { writeMultiVendorCase } from '../investigate/multi-vendor';

test('a bulk bookmark and tag of the selection show in the open event panel', async (t) => {
  const dir = tempDir();
  const casePath = path.join(dir, 'bulk.auditdesk');
  const { files } = writeMultiVendorCase(dir, 20);
  assert.equal(cli(['import', casePath, ...files, '--json']).code, 0);
  const { page, problems } = await openServedCase(t, casePath, { width: 1280, height: 800 });

  // Row 1 opens in the panel; Shift+click row 3 selects 1–3, the panel now on row 3.
  await page.locator('[data-testid=row][data-index="1"]').click();
  await page.locator('[data-testid=row][data-index="3"]').click({ modifiers: ['Shift'] });
  const id = await page.locator('[data-testid=row][data-index="3"]').getAttribute('data-id');
  await page.waitForFunction((v) => document.querySelector('[data-testid=annotation-bar]')?.getAttribute('data-id') === v, id);
  assert.equal(await page.getByTestId('annotation-bar').getAttribute('data-bookmarked'), 'false');

  // Bookmark by mouse in the status bar.
  await page.getByTestId('bulk-bookmark').click();
  await page.getByTestId('status-message').filter({ hasText: 'bookmarked 3 events' }).waitFor();
  await page.waitForSelector('[data-testid=annotation-bar][data-bookmarked=true]');

  // Tag by keyboard from the grid.
  await page.getByTestId('timeline-scroll').focus();
  await page.keyboard.press('t');
  await page.getByTestId('bulk-tag-input').waitFor();
  await page.keyboard.type('lateral');
  await page.keyboard.press('Enter');
  await page.getByTestId('status-message').filter({ hasText: 'tagged "lateral": 3 events' }).waitFor();
  await page.locator('[data-testid=annotation-bar] [data-testid=event-tag][data-value=lateral]').waitFor();
  assert.deepEqual(problems, []);
});
