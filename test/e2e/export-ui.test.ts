// Export from the UI against `auditdesk serve` in Chromium: filter, open the dialog with the keyboard,
// export, download every file, and check the download with the standalone verify.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { cli, serve } from '../helpers/cli';
import { launchChromium, watchPage } from '../helpers/browser';
import { CORPUS_DIR, tempDir } from '../helpers/paths';
import { runVerifyMjs } from '../export/helpers';

test('exporting the current filter from the UI downloads an export that verifies', async () => {
  const dir = tempDir();
  const kase = path.join(dir, 'case');
  const okta = path.join(CORPUS_DIR, 'okta/elastic_okta_system_events.log');
  assert.equal(cli(['import', kase, okta, path.join(CORPUS_DIR, 'bitwarden/sentinel_bitwarden_eventlogs_ingestedlogs.csv')]).code, 0);
  const expected = JSON.parse(cli(['query', kase, '--text', 'user.', '--json']).stdout) as { total: number };
  assert.ok(expected.total > 0);
  const server = await serve(kase);
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1300, height: 850 } });
    const page = await context.newPage();
    const problems = watchPage(page, new URL(server.url).host);
    await page.goto(server.url);
    await page.waitForSelector('[data-testid=row][data-loaded=true]');
    await page.fill('[data-testid=filter-box]', 'user.');
    await page.waitForFunction((n) => document.querySelector('[data-testid=match-count]')?.getAttribute('data-total') === String(n), expected.total);

    await page.focus('[data-testid=export-open]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=export-dialog]');
    await page.selectOption('[data-testid=export-format]', 'jsonl');
    await page.click('[data-testid=export-start]');
    await page.waitForSelector('[data-testid=export-result]');
    await page.screenshot({ path: path.join(dir, 'export-dialog.png') });
    if (process.env.AD_SCREENSHOT_DIR) fs.copyFileSync(path.join(dir, 'export-dialog.png'), path.join(process.env.AD_SCREENSHOT_DIR, 'export-dialog.png'));

    const got = path.join(dir, 'download');
    fs.mkdirSync(got);
    const links = await page.$$('[data-testid=export-download]');
    assert.equal(links.length, 4);
    for (const link of links) {
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      await download.saveAs(path.join(got, download.suggestedFilename()));
    }
    assert.deepEqual(fs.readdirSync(got).sort(), ['SHA256SUMS', 'events.jsonl', 'manifest.json', 'verify.mjs']);
    const v = runVerifyMjs(got, CORPUS_DIR);
    assert.deepEqual(v.problems, []);
    assert.equal(v.code, 0);
    assert.equal(v.rows, expected.total);
    assert.equal(v.rowsComparedWithSources, expected.total);
    const raws = fs.readFileSync(path.join(got, 'events.jsonl'), 'utf8').trimEnd().split('\n');
    const source = fs.readFileSync(okta, 'utf8');
    for (const r of raws) assert.ok(source.includes(r), 'each downloaded row is a line of the source');

    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=export-dialog]', { state: 'detached' });
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
