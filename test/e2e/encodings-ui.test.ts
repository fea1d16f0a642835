// A Windows user's exports through the browser: a UTF-16 CSV and a Windows-1252 CSV added with the
// file picker import with the encoding named in the report, and their accented names show as written.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CORPUS_DIR, REPO_ROOT, tempDir } from '../helpers/paths';
import { cli } from '../helpers/cli';
import { openServedCase } from '../helpers/browser';

test('serve: UTF-16 and Windows-1252 CSVs import through the UI with their encoding named', async (t) => {
  const dir = tempDir();
  const casePath = path.join(dir, 'enc.auditdesk');
  assert.equal(cli(['import', casePath, path.join(CORPUS_DIR, 'okta/elastic_okta_system_events.log'), '--json']).code, 0);
  const text = fs.readFileSync(path.join(CORPUS_DIR, 'bitwarden/sentinel_bitwarden_eventlogs_ingestedlogs.csv'), 'utf8');
  const utf16 = path.join(dir, 'bitwarden-utf16.csv');
  fs.writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace(/89\.64\.30\.17/g, 'Zoë Ångström'), 'utf16le')]));
  const latin = path.join(dir, 'bitwarden-1252.csv');
  fs.writeFileSync(latin, Buffer.from(text.replace(/89\.64\.30\.17/g, 'José Müller'), 'latin1'));

  const { page, problems } = await openServedCase(t, casePath, { width: 1280, height: 800 });
  await page.getByTestId('add-files-input').setInputFiles([utf16, latin]);
  await page.getByTestId('import-report').waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid=match-count]')?.getAttribute('data-total') === '80');
  const tags = await page.getByTestId('report-encoding').allTextContents();
  assert.deepEqual(tags.sort(), ['decoded from UTF-16LE', 'decoded from Windows-1252 (ISO-8859-1)']);

  // Full-text search finds the decoded name, and the row's raw record shows it as written.
  await page.getByTestId('search-box').fill('Müller');
  await page.waitForFunction(() => document.querySelector('[data-testid=match-count]')?.getAttribute('data-total') === '30');
  await page.waitForSelector('[data-testid=row][data-index="0"][data-loaded=true]');
  await page.getByTestId('timeline-scroll').focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => (document.querySelector('[data-testid=monaco-container]')?.textContent ?? '').includes('Müller'));
  assert.match((await page.getByTestId('provenance').textContent()) ?? '', /windows-1252/i);
  const shot = path.join(REPO_ROOT, 'test-results', 'encodings-ui.png');
  fs.mkdirSync(path.dirname(shot), { recursive: true });
  await page.screenshot({ path: shot });
  assert.deepEqual(problems, []);
});
