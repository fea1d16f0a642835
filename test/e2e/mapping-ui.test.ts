// The mapping dialog in Chromium against `auditdesk serve` on a real Bitwarden export: it names the
// product the records were recognised as, lets the user rename the source's vendor and edit the
// code → label table, and saving re-derives the events with both (the raw records keep the codes).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CORPUS_DIR, REPO_ROOT, tempDir } from '../helpers/paths';
import { cli } from '../helpers/cli';
import { openServedCase } from '../helpers/browser';

test('mapping dialog: rename the vendor and edit value labels, saved with the mapping', async (t) => {
  const dir = tempDir();
  const casePath = path.join(dir, 'labels.auditdesk');
  const file = path.join(CORPUS_DIR, 'bitwarden/sentinel_bitwarden_eventlogs_rawlogs_envelope.json');
  assert.equal(cli(['import', casePath, file, '--json']).code, 0);
  const { page, problems } = await openServedCase(t, casePath, { width: 1280, height: 800 });

  await page.getByTestId('sources-toggle').click();
  await page.getByTestId('mapping-button').first().click();
  await page.waitForSelector('[data-testid=mapping-row][data-field=action]');
  assert.equal(await page.getByTestId('mapping-vendor').inputValue(), 'bitwarden');
  assert.equal(await page.getByTestId('mapping-product').textContent(), 'Bitwarden event logs');
  const codes = await page.getByTestId('lookup-code').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
  const i1107 = codes.indexOf('1107');
  assert.ok(codes.includes('1000') && i1107 >= 0, codes.join(','));

  await page.getByTestId('mapping-vendor').fill('Vault team');
  await page.getByTestId('lookup-label').nth(i1107).fill('Item viewed');
  await page.getByTestId('lookup-row').nth(i1107).scrollIntoViewIfNeeded();
  fs.mkdirSync(path.join(REPO_ROOT, 'test-results'), { recursive: true });
  await page.screenshot({ path: path.join(REPO_ROOT, 'test-results', 'mapping-dialog.png') });
  await page.getByTestId('mapping-save').click();
  await page.waitForSelector('[data-testid=mapping-dialog]', { state: 'detached' });
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=source-row] td')].some((td) => td.textContent === 'Vault team'));

  // The derived events carry the new name and label; the raw records still hold the codes.
  const q = cli(['query', casePath, '--json', '--limit', '100']);
  assert.equal(q.code, 0, q.stderr);
  const { events } = JSON.parse(q.stdout) as { events: { vendor: string; action: string; raw: string }[] };
  assert.equal(events.length, 26);
  assert.ok(events.every((e) => e.vendor === 'Vault team'));
  assert.ok(events.some((e) => e.action === 'Item viewed'));
  assert.ok(events.some((e) => e.action === 'User_LoggedIn'));
  assert.ok(events.filter((e) => e.action === 'Item viewed').every((e) => /"type": 1107/.test(e.raw)));
  assert.deepEqual(problems, []);
});
