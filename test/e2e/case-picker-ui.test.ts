// Choosing a case in Chromium against `auditdesk serve --cases DIR`: the folder picker lists only
// folders inside DIR (a link out of it, or a path outside, is refused by the path guard), a case is
// opened by clicking through, and the cases opened are remembered by serve in its config folder and
// offered again as recent cases (opened here by keyboard).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, tempDir } from '../helpers/paths';
import { cli } from '../helpers/cli';
import { openServedCase } from '../helpers/browser';
import { writeMultiVendorCase } from '../investigate/multi-vendor';
import { CASE_FOLDER_PATH } from '../../src/shared/cases';

test('Cases: folder picker inside the cases folder only, recent cases remembered by serve', async (t) => {
  const dir = tempDir();
  // serve (a child process) inherits this: its recent-cases.json goes here, not in the real config.
  const config = path.join(dir, 'config');
  const before = process.env.XDG_CONFIG_HOME;
  process.env.XDG_CONFIG_HOME = config;
  t.after(() => (before === undefined ? delete process.env.XDG_CONFIG_HOME : (process.env.XDG_CONFIG_HOME = before)));

  const cases = path.join(dir, 'cases');
  const { files } = writeMultiVendorCase(dir, 5);
  const a = path.join(cases, 'a.auditdesk');
  const b = path.join(cases, 'sub', 'b.auditdesk');
  const outside = path.join(dir, 'outside.auditdesk');
  for (const c of [a, b, outside]) assert.equal(cli(['import', c, files[0], '--json']).code, 0);
  fs.symlinkSync(dir, path.join(cases, 'escape'));

  const { page, problems } = await openServedCase(t, a, { width: 1280, height: 800 });
  // Refused by the guard whatever the page asks: a folder outside, and .. out of the cases folder.
  const ask = (q: string) =>
    page.evaluate(
      async (u) => {
        const r = await fetch(u);
        return { status: r.status, body: (await r.json()) as { error?: string } };
      },
      `${CASE_FOLDER_PATH}?dir=${encodeURIComponent(q)}`,
    );
  for (const q of [dir, path.join(cases, '..'), path.join(cases, 'escape')]) {
    const r = await ask(q);
    assert.equal(r.status, 400, q);
    assert.match(r.body.error ?? '', /refused: .* is outside the cases folder/);
  }

  // Mouse: Browse… lists the cases folder (links are not listed: asked for, the guard refuses escape
  // above); sub is a folder, a.auditdesk a case; through sub to b.
  await page.getByTestId('open-case-button').click();
  await page.getByTestId('case-browse').click();
  await page.locator('[data-testid=case-folder-entry][data-name=sub]').waitFor();
  const names = await page.$$eval('[data-testid=case-folder-entry]', (b) => b.map((x) => `${x.getAttribute('data-name')}:${x.getAttribute('data-case')}`));
  assert.deepEqual(names, ['a.auditdesk:true', 'sub:false']);
  await page.screenshot({ path: path.join(REPO_ROOT, 'test-results', 'case-picker.png') });
  await page.locator('[data-testid=case-folder-entry][data-name=sub]').click();
  await page.locator('[data-testid=case-folder-entry][data-name="b.auditdesk"]').click();
  await page.waitForFunction((p) => document.querySelector('[data-testid=case-path]')?.getAttribute('title') === p, fs.realpathSync(b));

  // serve remembered both (the one it started with, and b), newest first.
  const file = path.join(config, 'auditdesk', 'recent-cases.json');
  const kept = (JSON.parse(fs.readFileSync(file, 'utf8')) as { path: string }[]).map((c) => c.path);
  assert.deepEqual(kept.slice(0, 2), [fs.realpathSync(b), a]);

  // Keyboard: the form lists them as recent; Tab to a's button and Enter opens it.
  await page.getByTestId('open-case-button').click();
  const recentA = page.locator(`[data-testid=recent-case][data-path="${a}"]`);
  await recentA.waitFor();
  await page.screenshot({ path: path.join(REPO_ROOT, 'test-results', 'case-recent.png') });
  await page.getByTestId('case-path-input').focus();
  for (let i = 0; i < 10 && !(await recentA.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.waitForFunction((p) => document.querySelector('[data-testid=case-path]')?.getAttribute('title') === p, fs.realpathSync(a));
  // The three refusals asked for above are logged by Chromium as failed loads; nothing else may be.
  assert.deepEqual(
    problems.filter((p) => !p.includes('status of 400')),
    [],
  );
});
