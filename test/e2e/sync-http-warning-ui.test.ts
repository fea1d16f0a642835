// The sync form warns as soon as the base URL is plain http:// to another machine; the engine
// refuses it until the user ticks the explicit allowance, and the report then repeats the warning.
// 0.0.0.0 reaches the 127.0.0.1 fake API on Linux but is not loopback, so it stands for a remote host.
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { tempDir } from '../helpers/paths';
import { serve } from '../helpers/cli';
import { launchChromium } from '../helpers/browser';
import { startFakeVendor } from '../sync/servers/fake-vendor';
import { opbox } from '../sync/servers/vendors';
import { TOKEN } from '../sync/sync-helpers';

test('sync form: plain http:// to another host is warned about, refused, then allowed explicitly', async (t) => {
  const api = await startFakeVendor(opbox, { token: TOKEN });
  t.after(() => api.close());
  api.add(40);
  const host = await serve(path.join(tempDir(), 'http-warn.auditdesk'));
  t.after(() => host.stop());
  const browser = await launchChromium();
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  await page.goto(host.url);
  await page.getByTestId('sync-toggle').click();
  await page.getByTestId('sync-vendor').selectOption('opbox');

  await page.getByTestId('sync-base-url').fill(api.url);
  assert.equal(await page.getByTestId('sync-http-warning').count(), 0, 'loopback needs no warning');
  await page.getByTestId('sync-base-url').fill(api.url.replace('127.0.0.1', '0.0.0.0'));
  assert.match((await page.getByTestId('sync-http-warning').textContent()) ?? '', /is plain http:\/\/ to another machine/);

  await page.getByTestId('sync-token').fill(TOKEN);
  await page.getByTestId('sync-run').click();
  await page.getByTestId('sync-error').waitFor();
  assert.match((await page.getByTestId('sync-error').textContent()) ?? '', /allow plain http for this source explicitly/);
  assert.equal(api.requests.length, 0, 'no request carried the token');

  await page.getByTestId('sync-allow-http').check();
  await page.getByTestId('sync-token').fill(TOKEN);
  await page.getByTestId('sync-run').click();
  await page.getByTestId('sync-report').waitFor();
  assert.equal(await page.getByTestId('sync-report-new').textContent(), '40');
  assert.match((await page.getByTestId('sync-report-warnings').textContent()) ?? '', /plain http:\/\/.*allowed for this source/);
});
