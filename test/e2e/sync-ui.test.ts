// A user adds a sync source in the browser UI served by `auditdesk serve`, runs it against a local
// fake vendor API, reads the completeness report, and runs it again for what is new.
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { tempDir } from '../helpers/paths';
import { serve } from '../helpers/cli';
import { launchChromium, watchPage } from '../helpers/browser';
import { startFakeVendor } from '../sync/servers/fake-vendor';
import { openclaw } from '../sync/servers/vendors';
import { TOKEN } from '../sync/sync-helpers';

test('sync panel: add an OpenClaw source, sync it, see the report and the events, sync again', async (t) => {
  const api = await startFakeVendor(openclaw, { token: TOKEN });
  t.after(() => api.close());
  api.add(1200);
  const casePath = path.join(tempDir(), 'sync-ui.auditdesk');
  const host = await serve(casePath);
  t.after(() => host.stop());
  const browser = await launchChromium();
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  const problems = watchPage(page, new URL(host.url).host);
  await page.goto(host.url);

  // Keyboard only: open the panel, fill the form, submit.
  await page.getByTestId('sync-toggle').focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('sync-vendor').selectOption('openclaw');
  await page.getByTestId('sync-base-url').fill(api.url);
  await page.getByTestId('sync-token').fill(TOKEN);
  await page.getByTestId('sync-filters').fill('outcome=success');
  await page.getByTestId('sync-name').fill('claw ui');
  await page.getByTestId('sync-name').press('Enter');

  await page.getByTestId('sync-report').waitFor();
  assert.equal(await page.getByTestId('sync-report').getAttribute('data-finished'), 'true');
  assert.equal(await page.getByTestId('sync-report-new').textContent(), '1200');
  assert.equal(await page.getByTestId('sync-token').inputValue(), '', 'the token left the form');
  await page.waitForFunction(() => document.querySelector('[data-testid=match-count]')?.getAttribute('data-total') === '1200');
  assert.ok(api.requests.every((r) => r.auth === `Bearer ${TOKEN}` && r.url.includes('outcome=success')));
  await page.screenshot({ path: '/tmp/sync-panel.png' });

  // New events upstream; "Sync again" uses the token kept in the engine's memory.
  api.add(25);
  await page.getByTestId('sync-again').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=sync-report-new]')?.textContent === '25');
  await page.waitForFunction(() => document.querySelector('[data-testid=match-count]')?.getAttribute('data-total') === '1225');
  const html = await page.content();
  assert.equal(html.includes(TOKEN), false, 'the token is not in the page');
  assert.deepEqual(problems, []);
});
