// The sync form is built from the vendor descriptors: a sixth vendor that exists only as a folder
// (given to `auditdesk serve` through $AUDITDESK_VENDORS_DIR) is offered by its display name, with a
// required field for the {tenant} its path needs, and syncs with the header its descriptor names.
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { tempDir } from '../helpers/paths';
import { serve } from '../helpers/cli';
import { launchChromium, watchPage } from '../helpers/browser';
import { startFakeVendor } from '../sync/servers/fake-vendor';
import { SIXTH_AUTH, sixthVendor, sixthVendorDir } from '../sync/servers/sixth-vendor';
import { TOKEN } from '../sync/sync-helpers';

test('sync form: vendors and their path settings come from the descriptors, a sixth one included', async (t) => {
  const api = await startFakeVendor(sixthVendor('t-9'), { token: TOKEN, auth: SIXTH_AUTH });
  t.after(() => api.close());
  api.add(75);
  // serve inherits this process's environment.
  process.env.AUDITDESK_VENDORS_DIR = sixthVendorDir();
  const host = await serve(path.join(tempDir(), 'sixth.auditdesk'));
  t.after(() => host.stop());
  const browser = await launchChromium();
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  const problems = watchPage(page, new URL(host.url).host);
  await page.goto(host.url);
  await page.getByTestId('sync-toggle').click();

  const options = await page
    .getByTestId('sync-vendor')
    .locator('option')
    .evaluateAll((os) => os.map((o) => [(o as HTMLOptionElement).value, o.textContent]));
  assert.deepEqual(
    options.find(([v]) => v === 'acmeaudit'),
    ['acmeaudit', 'Acme Audit'],
  );
  assert.ok(
    options.some(([v, label]) => v === 'openclaw' && label === 'OpenClaw Enterprise'),
    JSON.stringify(options),
  );

  // Invent's {orgId} and the sixth vendor's {tenant} each get their labelled field; others none.
  await page.getByTestId('sync-vendor').selectOption('invent');
  assert.equal(await page.getByTestId('sync-param-orgId').count(), 1);
  assert.match((await page.getByTestId('sync-param-orgId').locator('xpath=..').textContent()) ?? '', /Org id/);
  await page.getByTestId('sync-vendor').selectOption('opbox');
  assert.equal(await page.locator('[data-testid^=sync-param-]').count(), 0);
  await page.getByTestId('sync-vendor').selectOption('acmeaudit');
  const tenant = page.getByTestId('sync-param-tenant');
  assert.equal(await tenant.getAttribute('required'), '');
  assert.match((await tenant.locator('xpath=..').textContent()) ?? '', /Tenant/);

  await page.getByTestId('sync-base-url').fill(api.url);
  await page.getByTestId('sync-token').fill(TOKEN);
  await tenant.fill('t-9');
  await page.getByTestId('sync-run').click();
  await page.getByTestId('sync-report').waitFor();
  assert.equal(await page.getByTestId('sync-report').getAttribute('data-finished'), 'true');
  assert.equal(await page.getByTestId('sync-report-new').textContent(), '75');
  assert.ok(api.requests.length > 0);
  for (const r of api.requests) {
    assert.equal(r.url.split('?')[0], '/v2/tenants/t-9/audit-events');
    assert.equal(r.headers['x-api-key'], TOKEN);
    assert.equal(r.headers.authorization, undefined);
  }
  assert.deepEqual(problems, []);
});
