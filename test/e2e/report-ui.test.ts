// The Report button in Chromium against `auditdesk serve`: the dialog works by mouse and by keyboard,
// writes the report and its evidence export into the case's exports folder, and offers the report
// as a download whose bytes are the file's.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CORPUS_DIR, REPO_ROOT, tempDir } from '../helpers/paths';
import { cli } from '../helpers/cli';
import { openServedCase } from '../helpers/browser';

const CLOUDTRAIL = path.join(CORPUS_DIR, 'aws_cloudtrail/ec2_proxy_s3_exfiltration_2020-09-14011940.json');

test('Report button: title and findings by keyboard, the report and its evidence in exports/, offered for download', async (t) => {
  const dir = tempDir();
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const casePath = path.join(dir, 'report.auditdesk');
  assert.equal(cli(['import', casePath, CLOUDTRAIL, '--json']).code, 0);
  const first = JSON.parse(cli(['query', casePath, '--q', 'action:DescribeVolumes', '--limit', '1', '--json']).stdout).events[0].id as string;
  assert.equal(cli(['annotate', casePath, first, '--bookmark', '--note', 'volumes listed before the copy']).code, 0);

  const { page, problems } = await openServedCase(t, casePath, { width: 1280, height: 800 });

  // By mouse: open, then Escape closes it.
  await page.getByTestId('report-open').click();
  await page.getByTestId('report-dialog').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'report-title');
  await page.keyboard.press('Escape');
  await page.getByTestId('report-dialog').waitFor({ state: 'detached' });

  // By keyboard: the button, a title, findings switched off with Space, Enter writes the report.
  await page.getByTestId('report-open').focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('report-dialog').waitFor();
  await page.keyboard.type('Exfiltration 14 Sept');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'report-findings');
  await page.keyboard.press('Space');
  assert.equal(await page.getByTestId('report-findings').isChecked(), false);
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  const result = page.getByTestId('report-result');
  await result.waitFor();
  const file = (await result.getAttribute('data-file'))!;
  assert.equal(path.dirname(path.dirname(file)), path.join(casePath, 'exports'));
  const html = fs.readFileSync(file, 'utf8');
  assert.match(html, /<title>Exfiltration 14 Sept<\/title>/);
  assert.match(html, /volumes listed before the copy/);
  assert.doesNotMatch(html, /id="findings"/);
  const evidence = file.replace(/\.html$/, '.evidence');
  assert.equal(cli(['verify', evidence]).code, 0);
  assert.ok(html.includes((await result.textContent())!.match(/manifest\.json SHA-256 ([0-9a-f]{64})/)![1]));
  await page.getByText('Print / save as PDF').waitFor();

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-download').click()]);
  const saved = path.join(dir, 'downloaded.html');
  await download.saveAs(saved);
  assert.equal(fs.readFileSync(saved, 'utf8'), html);
  fs.mkdirSync(path.join(REPO_ROOT, 'test-results'), { recursive: true });
  await page.screenshot({ path: path.join(REPO_ROOT, 'test-results', 'report-dialog.png') });
  assert.deepEqual(problems, []);
});
