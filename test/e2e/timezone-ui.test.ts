// The display time zone in Chromium: UTC by default, the browser's local zone, a chosen IANA zone
// (remembered across reloads), an unknown zone refused; the UTC and original texts stay available.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, tempDir } from '../helpers/paths';
import { cli, serve } from '../helpers/cli';
import { launchChromium, watchPage } from '../helpers/browser';
import { writeMultiVendorCase } from '../investigate/multi-vendor';

/** ISO UTC shifted by a fixed offset, in the switch's format. */
const shifted = (iso: string, minutes: number, label: string) =>
  `${new Date(Date.parse(iso) + minutes * 60_000).toISOString().replace('T', ' ').replace('Z', '')} ${label}`;

test('time zone switch: UTC, local, a chosen zone; original and UTC text kept', async (t) => {
  const dir = tempDir();
  const casePath = path.join(dir, 'tz.auditdesk');
  const { files } = writeMultiVendorCase(dir, 20);
  assert.equal(cli(['import', casePath, ...files, '--json']).code, 0);
  const [first] = (JSON.parse(cli(['query', casePath, '--limit', '1', '--json']).stdout) as { events: { time: string; timeOriginal: string }[] }).events;
  // New York is on daylight time (-04:00) from 2026-03-08 to 2026-11-01: the generated case lies inside.
  assert.ok(first.time > '2026-03-08T07:00:00Z' && first.time < '2026-11-01T05:00:00Z', first.time);

  const host = await serve(casePath);
  t.after(() => host.stop());
  const browser = await launchChromium();
  t.after(() => browser.close());
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, timezoneId: 'America/New_York' });
  const page = await context.newPage();
  const problems = watchPage(page, new URL(host.url).host);
  await page.goto(host.url);
  await page.waitForSelector('[data-testid=row][data-loaded=true]');
  const firstTime = () => page.locator('[data-testid=row][data-index="0"] [data-testid=time-text]').textContent();

  assert.equal(await firstTime(), first.time.replace('T', ' ').replace('Z', ''), 'UTC by default');
  await page.keyboard.press('Alt+z');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'zone-select');
  await page.getByTestId('zone-select').selectOption('local');
  await page.waitForFunction(() => document.querySelector('[data-testid=time-text]')?.textContent?.endsWith('-04:00'));
  assert.equal(await firstTime(), shifted(first.time, -240, '-04:00'));
  assert.match((await page.getByTestId('sort-toggle').textContent()) ?? '', /local, America\/New_York/);

  // A chosen zone without daylight time: +05:30.
  await page.getByTestId('zone-select').selectOption('zone');
  await page.getByTestId('zone-input').fill('Mars/Olympus');
  await page.getByTestId('zone-input').press('Enter');
  await page.getByTestId('zone-error').waitFor();
  assert.equal(await firstTime(), shifted(first.time, -240, '-04:00'), 'an unknown zone changes nothing');
  await page.getByTestId('zone-input').fill('Asia/Kolkata');
  await page.getByTestId('zone-input').press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid=time-text]')?.textContent?.endsWith('+05:30'));
  assert.equal(await firstTime(), shifted(first.time, 330, '+05:30'));
  assert.equal(await page.getByTestId('zone-error').count(), 0);
  // The case's earliest → latest in the case bar follows the zone too.
  assert.match((await page.getByTestId('case-time-range').textContent()) ?? '', /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \+05:30 → .* \+05:30$/);

  // The tooltip keeps UTC and the original text; the event panel shows all three.
  const title = await page.locator('[data-testid=row][data-index="0"] .time-cell').getAttribute('title');
  assert.ok(title?.includes(`UTC: ${first.time}`) && title.includes(`Original: ${first.timeOriginal}`), title ?? '');
  await page.locator('[data-testid=row][data-index="0"]').click();
  await page.getByTestId('time-in-zone').waitFor();
  assert.equal(await page.getByTestId('time-in-zone').textContent(), shifted(first.time, 330, '+05:30'));
  fs.mkdirSync(path.join(REPO_ROOT, 'test-results'), { recursive: true });
  await page.screenshot({ path: path.join(REPO_ROOT, 'test-results', 'timezone.png') });

  await page.reload();
  await page.waitForSelector('[data-testid=row][data-loaded=true]');
  assert.equal(await firstTime(), shifted(first.time, 330, '+05:30'), 'remembered after a reload');

  // The histogram's axis and the from/to it fills follow the zone; switching zones keeps the instants.
  await page.getByTestId('histogram').waitFor();
  assert.match((await page.getByTestId('histogram-first').textContent()) ?? '', /\+05:30$/);
  const svg = page.locator('[data-testid=histogram] svg');
  await svg.focus();
  for (const key of ['ArrowRight', 'Shift+ArrowRight', 'Shift+ArrowRight', 'Enter']) await page.keyboard.press(key);
  await page.waitForFunction(() => (document.querySelector('[data-testid=filter-from]') as HTMLInputElement).value !== '');
  const from = await page.getByTestId('filter-from').inputValue();
  const to = await page.getByTestId('filter-to').inputValue();
  assert.match(from, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+05:30$/);
  assert.match(to, /\+05:30$/);
  const inRange = (JSON.parse(cli(['query', casePath, '--from', from, '--to', to, '--limit', '0', '--json']).stdout) as { total: number }).total;
  const shown = () => page.getByTestId('match-count').getAttribute('data-total');
  await page.waitForFunction((n) => document.querySelector('[data-testid=match-count]')?.getAttribute('data-total') === String(n), inRange);
  await page.getByTestId('zone-select').selectOption('UTC');
  await page.waitForFunction(() => (document.querySelector('[data-testid=filter-from]') as HTMLInputElement).value.endsWith('Z'));
  assert.equal(Date.parse(await page.getByTestId('filter-from').inputValue()), Date.parse(from), 'the same instant, in UTC');
  assert.equal(Date.parse(await page.getByTestId('filter-to').inputValue()), Date.parse(to));
  assert.doesNotMatch((await page.getByTestId('histogram-first').textContent()) ?? '', /\+/);
  assert.equal(await shown(), String(inRange), 'the same events match');

  // A bound half typed is marked and left out (the rest of the filter still applies), not an error.
  const all = (JSON.parse(cli(['query', casePath, '--limit', '0', '--json']).stdout) as { total: number }).total;
  await page.getByTestId('filter-to').fill('');
  await page.getByTestId('filter-from').fill('2017-0');
  await page.waitForFunction((n) => document.querySelector('[data-testid=match-count]')?.getAttribute('data-total') === String(n), all);
  assert.equal(await page.getByTestId('filter-from').getAttribute('aria-invalid'), 'true');
  const border = () => page.getByTestId('filter-from').evaluate((e) => getComputedStyle(e).borderTopColor);
  assert.equal(await border(), 'rgb(229, 62, 62)', 'the half-typed bound is outlined in red');
  assert.equal(await page.locator('.form-error, [role=alert]').count(), 0, 'no error shown for a half-typed time');
  await page.getByTestId('filter-from').fill(from);
  assert.equal(await page.getByTestId('filter-from').getAttribute('aria-invalid'), null);
  assert.notEqual(await border(), 'rgb(229, 62, 62)');
  const fromOn = (JSON.parse(cli(['query', casePath, '--from', from, '--limit', '0', '--json']).stdout) as { total: number }).total;
  await page.waitForFunction((n) => document.querySelector('[data-testid=match-count]')?.getAttribute('data-total') === String(n), fromOn);
  assert.deepEqual(problems, []);
});
