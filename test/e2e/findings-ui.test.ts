// The Findings panel in Chromium against `auditdesk serve`: run the bundled Sigma rules on real
// CloudTrail and Azure records, see each rule with its level and hit count, click one to filter the
// timeline to its events (a `finding` chip), tag them like any filtered events; the run is kept in the case.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { CORPUS_DIR, REPO_ROOT, tempDir } from '../helpers/paths';
import { cli } from '../helpers/cli';
import { openServedCase } from '../helpers/browser';

const CLOUDTRAIL = path.join(CORPUS_DIR, 'aws_cloudtrail/ec2_proxy_s3_exfiltration_2020-09-14011940.json');
const AZURE = path.join(CORPUS_DIR, 'azure_activity/plaso_azure_activity_log.jsonl');
const ASSUME_ROLE = '905d389b-b853-46d0-9d3d-dea0d3a3cd49';

const waitTotal = (page: Page, n: number) =>
  page.waitForFunction((v) => document.querySelector('[data-testid=match-count]')?.getAttribute('data-total') === v, String(n));

test('Findings panel: run the rules, a rule filters the timeline to its events, the run is kept', async (t) => {
  const dir = tempDir();
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const casePath = path.join(dir, 'findings.auditdesk');
  assert.equal(cli(['import', casePath, CLOUDTRAIL, AZURE, '--json']).code, 0);
  const lines = (f: string) =>
    fs
      .readFileSync(f, 'utf8')
      .split('\n')
      .filter((l) => l.trim());
  const total = lines(CLOUDTRAIL).length + lines(AZURE).length;
  // From the rule's text: userIdentity.type AssumedRole and sessionContext.sessionIssuer.type Role.
  const assumed = lines(CLOUDTRAIL)
    .map((l) => JSON.parse(l))
    .filter((r) => r.userIdentity?.type === 'AssumedRole' && r.userIdentity?.sessionContext?.sessionIssuer?.type === 'Role').length;
  assert.ok(assumed > 0);

  const { page, problems } = await openServedCase(t, casePath, { width: 1280, height: 800 });
  await waitTotal(page, total);
  await page.keyboard.press('Alt+d');
  const panel = page.getByTestId('findings-panel');
  await panel.waitFor();
  await panel.getByText('Detection rules have not been run on this case yet.').waitFor();
  await page.getByTestId('run-rules').click();
  const rule = page.locator(`[data-testid=finding][data-id="${ASSUME_ROLE}"]`);
  await rule.waitFor();
  assert.equal(await rule.getAttribute('data-hits'), String(assumed));
  assert.match((await rule.textContent()) ?? '', /low\s*AWS STS AssumeRole Misuse/);
  assert.match((await page.getByTestId('findings-summary').textContent()) ?? '', new RegExp(`in ${total} events`));

  // Clicking the rule filters the timeline to exactly its events, as a removable chip.
  await rule.click();
  await waitTotal(page, assumed);
  assert.deepEqual(await page.$$eval('[data-testid=chip]', (c) => c.map((x) => `${(x as HTMLElement).dataset.field}=${(x as HTMLElement).dataset.value}`)), [
    `finding=${ASSUME_ROLE}`,
  ]);
  await page.getByRole('button', { name: 'Remove filter finding = AWS STS AssumeRole Misuse' }).waitFor();
  fs.mkdirSync(path.join(REPO_ROOT, 'test-results'), { recursive: true });
  await page.screenshot({ path: path.join(REPO_ROOT, 'test-results', 'findings.png') });

  // The filtered events are tagged like any others (the annotation bar of the first one).
  await page.locator('[data-testid=row][data-loaded=true]').first().click();
  await page.getByTestId('annotation-bar').waitFor();
  await page.keyboard.press('Alt+t');
  await page.keyboard.type('assume-role');
  await page.keyboard.press('Enter');
  await page.locator('[data-testid=event-tag][data-value=assume-role]').waitFor();

  await page.getByRole('button', { name: 'Remove filter finding = AWS STS AssumeRole Misuse' }).click();
  await waitTotal(page, total);

  // Closing and reopening the panel shows the run kept in the case, without running again.
  await page.keyboard.press('Alt+d');
  await panel.waitFor({ state: 'detached' });
  await page.keyboard.press('Alt+d');
  await page.locator(`[data-testid=finding][data-id="${ASSUME_ROLE}"][data-hits="${assumed}"]`).waitFor();
  assert.equal(await page.getByTestId('run-rules').textContent(), 'Run again');
  assert.deepEqual(problems, []);
});
