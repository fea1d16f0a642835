// The window at 1280x800 with everything open (import report, event panel, Notes, Views) in Chromium
// against `auditdesk serve`: timeline rows stay visible, the search box keeps its room, the import
// report collapses to one line, and the event panel's splitter resizes it by mouse and by keyboard.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT, tempDir } from '../helpers/paths';
import { cli } from '../helpers/cli';
import { openServedCase } from '../helpers/browser';
import { writeMultiVendorCase } from '../investigate/multi-vendor';

/** Timeline rows wholly inside the list's box and the window. */
const visibleRows = (page: Page) =>
  page.evaluate(() => {
    const list = document.querySelector('[data-testid=timeline-scroll]')!.getBoundingClientRect();
    const bottom = Math.min(list.bottom, window.innerHeight);
    return [...document.querySelectorAll('[data-testid=row][data-loaded=true]')].filter((r) => {
      const b = r.getBoundingClientRect();
      return b.height > 0 && b.top >= list.top - 1 && b.bottom <= bottom + 1;
    }).length;
  });
const heightOf = (page: Page, testId: string) => page.getByTestId(testId).evaluate((e) => e.getBoundingClientRect().height);

test('1280x800 with everything open: rows visible, search box usable, report collapses, panel splitter', async (t) => {
  const dir = tempDir();
  const casePath = path.join(dir, 'layout.auditdesk');
  const { files } = writeMultiVendorCase(dir, 100);
  assert.equal(cli(['import', casePath, files[0], '--json']).code, 0);
  const bad = path.join(dir, 'mixed.jsonl');
  fs.writeFileSync(bad, '{"id":"a","action":"login"}\nnot json\n'.repeat(5));
  const { page, problems } = await openServedCase(t, casePath, { width: 1280, height: 800 });

  await page.getByTestId('add-files-input').setInputFiles([files[1], files[2], bad]);
  await page.waitForSelector('[data-testid=import-report-item]', { timeout: 30_000 });
  await page.locator('[data-testid=row][data-loaded=true]').first().click();
  await page.getByTestId('detail-panel').waitFor();
  await page.keyboard.press('Alt+l');
  await page.keyboard.press('Alt+v');
  await page.getByTestId('views-toggle').and(page.locator('[aria-pressed=true]')).waitFor();
  await page.getByTestId('notes-toggle').and(page.locator('[aria-pressed=true]')).waitFor();

  // Taken before the checks, so a failing layout can be looked at.
  fs.mkdirSync(path.join(REPO_ROOT, 'test-results'), { recursive: true });
  await page.screenshot({ path: path.join(REPO_ROOT, 'test-results', 'layout-all-open.png') });
  assert.ok((await page.getByTestId('search-box').evaluate((e) => e.getBoundingClientRect().width)) >= 180, 'search box keeps its width');
  const rowsWithReport = await visibleRows(page);
  assert.ok(rowsWithReport >= 4, `${rowsWithReport} rows visible with the report open`);
  assert.ok((await page.getByTestId('detail-panel').boundingBox())!.y < 800 - 100, 'the event panel shows too');

  // The report collapses to one line by keyboard, opens again by mouse; its line says what happened.
  const item = page.getByTestId('import-report-item');
  const openHeight = await heightOf(page, 'import-report-item');
  await page.getByTestId('import-report-toggle').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid=import-report-item]')?.getAttribute('data-open') === 'false');
  assert.ok((await heightOf(page, 'import-report-item')) < 40);
  assert.match((await item.textContent()) ?? '', /events stored · 5 rejected/);
  await page.getByTestId('import-report-toggle').click();
  assert.equal(await heightOf(page, 'import-report-item'), openHeight);
  await page.getByTestId('import-report-toggle').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=import-report-item]')?.getAttribute('data-open') === 'false');
  assert.ok((await visibleRows(page)) >= rowsWithReport);

  // The splitter: arrow keys and a drag change the panel's height, which stays after closing it.
  const splitter = page.getByTestId('detail-splitter');
  const h0 = await heightOf(page, 'detail-panel');
  await splitter.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const h1 = await heightOf(page, 'detail-panel');
  assert.ok(Math.abs(h0 - 48 - h1) <= 1, `ArrowDown twice: ${h0} -> ${h1}`);
  await page.keyboard.press('ArrowUp');
  assert.ok(Math.abs(h1 + 24 - (await heightOf(page, 'detail-panel'))) <= 1);
  const box = (await splitter.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + 60, { steps: 4 });
  await page.mouse.up();
  const h2 = await heightOf(page, 'detail-panel');
  assert.ok(Math.abs(h1 + 24 - 60 + box.height / 2 - h2) <= 2, `dragged down 60px: ${h1 + 24} -> ${h2}`);
  await page.getByTestId('detail-close').click();
  await page.locator('[data-testid=row][data-loaded=true]').nth(1).click();
  await page.getByTestId('detail-panel').waitFor();
  assert.equal(await heightOf(page, 'detail-panel'), h2);
  // Dragged as high as it goes, the timeline still shows rows.
  const top = (await splitter.boundingBox())!;
  await page.mouse.move(top.x + 50, top.y + 2);
  await page.mouse.down();
  await page.mouse.move(top.x + 50, 10, { steps: 4 });
  await page.mouse.up();
  assert.ok((await visibleRows(page)) >= 4, `${await visibleRows(page)} rows visible under a tall panel`);
  await page.getByTestId('import-report-dismiss').click();
  await item.waitFor({ state: 'detached' });
  await page.screenshot({ path: path.join(REPO_ROOT, 'test-results', 'layout-splitter.png') });
  assert.deepEqual(problems, []);
});

/** Elements under `selector` whose content is wider than their box, or that stick out of the window. */
const overflowing = (page: Page, selector: string) =>
  page.evaluate(
    (sel) =>
      [...document.querySelectorAll<HTMLElement>(sel)]
        .filter((e) => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > window.innerWidth + 1)
        .map((e) => `${e.dataset.testid ?? e.className}: ${e.scrollWidth} > ${e.clientWidth}`),
    selector,
  );

test('1280x800: facet labels ellipsize, Vendor fits beside Time, no sideways scroll with a side panel open', async (t) => {
  const dir = tempDir();
  const casePath = path.join(dir, 'fit.auditdesk');
  const { files } = writeMultiVendorCase(dir, 100);
  const long = path.join(dir, 'long-actions.jsonl');
  const action = 'work_item.status_changed_by_an_automation_rule';
  fs.writeFileSync(long, Array.from({ length: 60 }, (_, i) => JSON.stringify({ id: `l${i}`, time: '2026-03-13T13:30:00Z', action })).join('\n'));
  assert.equal(cli(['import', casePath, ...files, long, '--json']).code, 0);
  const { page, problems } = await openServedCase(t, casePath, { width: 1280, height: 800 });

  // 1. A long facet value ellipsizes inside its button, with the whole value in its tooltip, left of its count.
  await page.getByTestId('facets-toggle').click();
  const label = page.locator(`[data-testid=facet-action] .facet-value[data-value="${action}"] .facet-label`);
  await label.waitFor();
  assert.equal(await label.getAttribute('title'), action);
  const fit = await label.evaluate((l) => {
    const count = l.parentElement!.querySelector('.facet-count')!.getBoundingClientRect();
    const box = l.getBoundingClientRect();
    return { labelRight: box.right, countLeft: count.left, clipped: l.scrollWidth > l.clientWidth, button: l.parentElement!.getBoundingClientRect().right };
  });
  assert.ok(fit.labelRight <= fit.countLeft, `label ends at ${fit.labelRight}, count starts at ${fit.countLeft}`);
  assert.ok(fit.clipped, 'the label is cut with an ellipsis, not overflowing');
  assert.ok(fit.countLeft < fit.button, 'the count stays inside its button');
  await page.getByTestId('facets-toggle').click();

  // 2. The Time column fits its text; Vendor shows "vendor source" whole.
  const time = await page
    .locator('[data-testid=row][data-loaded=true] [data-col=time]')
    .first()
    .evaluate((c) => ({ w: c.clientWidth, sw: c.scrollWidth }));
  assert.ok(time.w < 240 && time.sw <= time.w, `time cell ${time.sw} in ${time.w}`);
  assert.deepEqual(await overflowing(page, '[data-testid=row][data-loaded=true] [data-col=vendor][data-fv=opbox]'), [], '"opbox opbox-audit.jsonl" is cut off');
  // Still resizable: the keyboard widens it.
  await page.getByTestId('resize-time').focus();
  await page.keyboard.press('ArrowRight');
  const wider = await page
    .locator('[data-testid=row][data-loaded=true] [data-col=time]')
    .first()
    .evaluate((c) => c.clientWidth);
  assert.ok(wider > time.w, `resized ${time.w} -> ${wider}`);

  // 3. With each side panel open, nothing scrolls sideways and the histogram's labels are whole.
  for (const panel of ['notes', 'views', 'findings']) {
    await page.getByTestId(`${panel}-toggle`).click();
    await page.getByTestId(`${panel}-toggle`).and(page.locator('[aria-pressed=true]')).waitFor();
    await page.screenshot({ path: path.join(REPO_ROOT, 'test-results', `layout-1280-${panel}.png`) });
    const page1 = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth }));
    assert.ok(page1.sw <= page1.cw, `${panel}: page scrolls sideways (${page1.sw} > ${page1.cw})`);
    assert.deepEqual(await overflowing(page, '[data-testid=timeline-scroll], [data-testid=histogram] *'), [], `${panel}: overflow`);
    await page.getByTestId(`${panel}-toggle`).click();
    await page.getByTestId(`${panel}-toggle`).and(page.locator('[aria-pressed=false]')).waitFor();
  }
  assert.deepEqual(problems, []);
});

test('1920x1080: the case picker folder box spans the case bar', async (t) => {
  const dir = tempDir();
  const casePath = path.join(dir, 'cases', 'wide.auditdesk');
  const { files } = writeMultiVendorCase(dir, 5);
  assert.equal(cli(['import', casePath, files[0], '--json']).code, 0);
  const before = process.env.XDG_CONFIG_HOME;
  process.env.XDG_CONFIG_HOME = path.join(dir, 'config');
  t.after(() => (before === undefined ? delete process.env.XDG_CONFIG_HOME : (process.env.XDG_CONFIG_HOME = before)));
  const { page, problems } = await openServedCase(t, casePath, { width: 1920, height: 1080 });
  await page.getByTestId('open-case-button').click();
  await page.getByTestId('case-browse').click();
  await page.locator('[data-testid=case-folder-entry][data-name="wide.auditdesk"]').waitFor();
  const bar = (await page.getByTestId('case-bar').boundingBox())!;
  const folder = (await page.getByTestId('case-folder').boundingBox())!;
  // The bar's own padding (12 px a side) is all that is left beside the box.
  assert.ok(folder.width >= bar.width - 2 * 12 - 2, `folder box ${folder.width} px in a ${bar.width} px bar`);
  assert.deepEqual(problems, []);
});
