// The app as a user meets it in a browser: `auditdesk serve` on a generated case, a real file added
// through the UI, then scroll, filter, expand a row and look at it.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CORPUS_DIR, REPO_ROOT, tempDir } from '../helpers/paths';
import { cli } from '../helpers/cli';
import { openServedCase } from '../helpers/browser';
import { opboxJsonl } from '../helpers/generate';

test('serve: import through the UI, scroll, filter, expand a row, screenshot', async (t) => {
  const dir = tempDir();
  const casePath = path.join(dir, 'ui.auditdesk');
  const generated = path.join(dir, 'opbox.jsonl');
  fs.writeFileSync(generated, opboxJsonl(3000));
  assert.equal(cli(['import', casePath, generated, '--json']).code, 0);

  const { page, problems } = await openServedCase(t, casePath, { width: 1400, height: 860 });
  assert.equal(await page.getByTestId('match-count').getAttribute('data-total'), '3000');

  // Add a real Okta export through the file picker, as a user would.
  await page.getByTestId('add-files-input').setInputFiles(path.join(CORPUS_DIR, 'okta/elastic_okta_system_events.log'));
  await page.getByTestId('import-report').waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid=match-count]')?.getAttribute('data-total') === '3020');
  assert.match((await page.getByTestId('import-report').textContent()) ?? '', /20 imported|imported\D*20/);

  // Drag-and-drop a file onto the window: it imports the same way.
  await page.getByTestId('import-report-dismiss').first().click();
  const dropped = fs.readFileSync(path.join(CORPUS_DIR, 'gitlab/elastic_gitlab_audit.log'), 'utf8');
  const dataTransfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dropped-gitlab.log', { type: 'text/plain' }));
    return dt;
  }, dropped);
  await page.dispatchEvent('body', 'dragenter', { dataTransfer });
  await page.getByTestId('drop-overlay').waitFor();
  await page.dispatchEvent('body', 'drop', { dataTransfer });
  await page.getByTestId('import-report').waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid=match-count]')?.getAttribute('data-total') === '3022');
  assert.match((await page.getByTestId('import-report').textContent()) ?? '', /dropped-gitlab\.log/);

  // Scroll to the end and back with the keyboard.
  const scroll = page.getByTestId('timeline-scroll');
  await scroll.focus();
  await page.keyboard.press('End');
  await page.waitForSelector('[data-testid=row][data-index="3021"][data-loaded=true]');
  await page.keyboard.press('PageUp');
  await page.keyboard.press('Home');
  await page.waitForSelector('[data-testid=row][data-index="0"][data-loaded=true]');

  // Filter by vendor, then by actor text: every row shown matches.
  await page.getByTestId('col-filter-vendor').selectOption('okta');
  await page.waitForFunction(() => document.querySelector('[data-testid=match-count]')?.getAttribute('data-total') === '20');
  await page.getByTestId('col-filter-vendor').selectOption('');
  await page.getByTestId('col-filter-actor').fill('user7@');
  await page.waitForFunction(() => {
    const n = Number(document.querySelector('[data-testid=match-count]')?.getAttribute('data-total'));
    return n > 0 && n < 3000;
  });
  // Rows refresh after the count; wait until the rows shown are the filtered ones, then check them all.
  await page
    .waitForFunction(
      () => {
        const rows = [...document.querySelectorAll('[data-testid=row][data-loaded=true]')];
        return rows.length > 0 && rows.every((r) => (r.textContent ?? '').includes('user7@'));
      },
      undefined,
      { timeout: 10_000 },
    )
    .catch(() => undefined);
  const actors = await page.$$eval('[data-testid=row][data-loaded=true]', (rows) => rows.map((r) => r.textContent ?? ''));
  assert.ok(actors.length > 0 && actors.every((a) => a.includes('user7@')), actors.slice(0, 3).join(' | '));

  // Expand the first row: the raw record in monaco and its provenance.
  await scroll.focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  await page.getByTestId('detail-panel').waitFor();
  await page.waitForFunction(() => (document.querySelector('[data-testid=monaco-container]')?.textContent ?? '').includes('cm_audit_'));
  const prov = (await page.getByTestId('provenance').textContent()) ?? '';
  assert.match(prov, /[0-9a-f]{64}/);
  assert.match(prov, /opbox\.jsonl/);

  const shot = path.join(REPO_ROOT, 'test-results', 'serve-ui.png');
  fs.mkdirSync(path.dirname(shot), { recursive: true });
  await page.screenshot({ path: shot });
  assert.ok(fs.statSync(shot).size > 20_000);
  assert.deepEqual(problems, []);
});
