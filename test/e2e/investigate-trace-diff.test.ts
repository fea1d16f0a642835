// Trace waterfall, before/after diff and resource history in Chromium against `auditdesk serve` on a
// generated multi-vendor case plus a real Zoom export; screenshots go to test-results/.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { CORPUS_DIR, REPO_ROOT, tempDir } from '../helpers/paths';
import { cli } from '../helpers/cli';
import { openServedCase } from '../helpers/browser';
import { TRACE_ID, TRACE_STEPS, writeMultiVendorCase } from '../investigate/multi-vendor';

const shot = async (page: Page, name: string) => {
  const file = path.join(REPO_ROOT, 'test-results', name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file });
  assert.ok(fs.statSync(file).size > 20_000);
};

async function openRowWhere(page: Page, filter: string, value: string, expectTotal: string) {
  await page.getByTestId(`col-filter-${filter}`).fill(value);
  await page.waitForFunction((n) => document.querySelector('[data-testid=match-count]')?.getAttribute('data-total') === n, expectTotal);
  await page.waitForFunction((v) => {
    const rows = [...document.querySelectorAll('[data-testid=row][data-loaded=true]')];
    return rows.length > 0 && rows.every((r) => (r.textContent ?? '').includes(v));
  }, value);
  await page.getByTestId('timeline-scroll').focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  await page.getByTestId('detail-panel').waitFor();
}

test('trace waterfall across four vendors, diff of a real Zoom record, resource history', async (t) => {
  const dir = tempDir();
  const casePath = path.join(dir, 'investigate.auditdesk');
  const { files, total } = writeMultiVendorCase(dir);
  const zoom = path.join(CORPUS_DIR, 'zoom/elastic_zoom_webhook_user_events_envelope.json');
  assert.equal(cli(['import', casePath, ...files, zoom, '--json']).code, 0);

  const { page, problems } = await openServedCase(t, casePath, { width: 1400, height: 900 });
  assert.equal(await page.getByTestId('match-count').getAttribute('data-total'), String(total + 13));

  // From the adminconsole step (the third), the trace shows every step in time order, by keyboard.
  await openRowWhere(page, 'actor', 'exfil_agent', '1');
  await page.keyboard.press('Alt+2');
  await page.getByTestId('trace').waitFor();
  const trace = page.getByTestId('trace');
  assert.equal(await trace.getAttribute('data-key'), 'requestId');
  const steps = await page.$$eval('[data-testid=trace-row]', (rows) =>
    rows.map((r) => ({ vendor: (r as HTMLElement).dataset.vendor, failed: (r as HTMLElement).dataset.failed, text: r.textContent ?? '' })),
  );
  assert.deepEqual(
    steps.map((s) => s.vendor),
    TRACE_STEPS.map(([v]) => v),
  );
  assert.deepEqual(
    steps.map((s) => s.failed),
    ['false', 'false', 'false', 'true', 'true'],
  );
  assert.match(steps[1].text, /^\+850 ms/);
  assert.match(steps[4].text, /^\+1 min 1 s58\.1 s/);
  assert.match((await trace.textContent()) ?? '', new RegExp(`${TRACE_ID}.*5 events.*2 failed`));
  await shot(page, 'investigate-trace.png');

  // Clicking a step opens that event; the trace stays, with the step marked current.
  await page.locator('[data-testid=trace-row][data-vendor=openindex]').click();
  await page.waitForFunction(() => document.querySelector('.trace-row.current')?.getAttribute('data-vendor') === 'openindex');

  // A real Zoom before/after: monaco diff editor and the changed paths list.
  await page.getByTestId('detail-close').click();
  await page.getByTestId('col-filter-actor').fill('');
  await openRowWhere(page, 'target', 'uL34AAbbbbAAAAAAQsQ', '1');
  await page.getByTestId('tab-diff').click();
  await page.getByTestId('changed-paths').waitFor();
  const changes = await page.$$eval('[data-testid=changed-paths] li', (li) =>
    li.map((l) => `${(l as HTMLElement).dataset.kind} ${(l as HTMLElement).dataset.path}`),
  );
  assert.deepEqual(changes, ['changed settings.in_meeting.private_chat']);
  await page.waitForFunction(
    () => document.querySelectorAll('[data-testid=monaco-diff] .editor.original, [data-testid=monaco-diff] .editor.modified').length === 2,
  );
  await page.waitForFunction(() => (document.querySelector('[data-testid=monaco-diff] .editor.modified')?.textContent ?? '').includes('private_chat'));
  await page.waitForSelector('[data-testid=monaco-diff] .line-delete, [data-testid=monaco-diff] .char-delete');
  await shot(page, 'investigate-diff.png');

  // History of the target: the one Zoom event on it, with its change.
  await page.keyboard.press('Alt+4');
  await page.getByTestId('history').waitFor();
  assert.equal(await page.getByTestId('history').getAttribute('data-count'), '1');
  assert.match((await page.getByTestId('history-step').textContent()) ?? '', /user\.settings_updated.*settings\.in_meeting\.private_chat/);
  await shot(page, 'investigate-history.png');
  assert.deepEqual(problems, []);
});
