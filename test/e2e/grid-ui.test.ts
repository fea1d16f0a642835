// The grid in Chromium against `auditdesk serve`: the column chooser (show, order, size, by mouse and
// keyboard), sort by a column, all kept in a saved view; multi-select with Shift/Ctrl and the keyboard,
// bulk tag and bookmark with markers on rows, Ctrl+C as TSV, the context menu and the status bar.
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { tempDir, SHOTS_DIR } from '../helpers/paths';
import { cli, serve } from '../helpers/cli';
import { launchChromium, watchPage } from '../helpers/browser';
import { writeMultiVendorCase } from '../investigate/multi-vendor';
import { Engine } from '../../src/main/engine/engine';

const SHOTS = SHOTS_DIR;

async function openCase(t: { after(fn: () => unknown): void }, viewport = { width: 1280, height: 800 }, before?: (casePath: string) => Promise<void>) {
  const dir = tempDir();
  const casePath = path.join(dir, 'grid.auditdesk');
  const { files, total } = writeMultiVendorCase(dir, 60);
  assert.equal(cli(['import', casePath, ...files, '--json']).code, 0);
  await before?.(casePath);
  const host = await serve(casePath);
  t.after(() => host.stop());
  const browser = await launchChromium();
  t.after(() => browser.close());
  const context = await browser.newContext({ viewport });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.url });
  const page = await context.newPage();
  const problems = watchPage(page, new URL(host.url).host);
  await page.goto(host.url);
  await page.waitForSelector('[data-testid=row][data-loaded=true]');
  await page.waitForFunction((n) => document.querySelector('[data-testid=match-count]')?.getAttribute('data-total') === String(n), total);
  return { page, problems, casePath, url: host.url, total };
}

const headers = (page: Page) => page.locator('.tl-header > .th').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.colHead));
const headWidth = (page: Page, id: string) => page.locator(`[data-col-head="${id}"]`).evaluate((e) => e.getBoundingClientRect().width);
const rowIds = (page: Page) => page.locator('[data-testid=row][data-loaded=true]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id));
const cliIds = (casePath: string, args: string[]) =>
  (JSON.parse(cli(['query', casePath, ...args, '--limit', '8', '--json']).stdout) as { events: { id: string }[] }).events.map((e) => e.id);

test('column chooser, order, width and sort by mouse and keyboard, kept in a saved view', async (t) => {
  const { page, problems, casePath, url } = await openCase(t);
  assert.deepEqual(await headers(page), ['time', 'vendor', 'actor', 'action', 'target', 'outcome', 'requestId']);

  // Keyboard: Alt+C opens the chooser on its first column; Down to IP, Space shows it, Alt+Up moves it left.
  await page.getByTestId('timeline-scroll').focus();
  await page.keyboard.press('Alt+c');
  await page.getByTestId('column-chooser').waitFor();
  await page.waitForFunction(() => (document.activeElement as HTMLElement).dataset.testid === 'column-show-time');
  for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.testid), 'column-show-ip');
  await page.keyboard.press('Space');
  await page.keyboard.press('Alt+ArrowUp');
  await page.keyboard.press('Alt+ArrowUp');
  assert.deepEqual(await headers(page), ['time', 'vendor', 'actor', 'action', 'target', 'ip', 'outcome', 'requestId']);
  const ipCell = await page.locator('[data-testid=row][data-loaded=true] [data-col=ip]').first().textContent();
  assert.match(ipCell ?? '', /^\d+\.\d+\.\d+\.\d+$/);
  await page.keyboard.press('Escape');
  await page.getByTestId('column-chooser').waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.testid), 'timeline-scroll', 'Escape gives the focus back');

  // Mouse: the ⋮ button, show the event id and user agent, hide request id, move the event id first.
  await page.getByTestId('column-chooser-open').click();
  await page.getByTestId('column-show-eventId').click();
  await page.getByTestId('column-show-userAgent').click();
  await page.getByTestId('column-show-requestId').click();
  for (let i = 0; i < 8; i++)
    await page
      .getByTestId('column-up-eventId')
      .click({ trial: false })
      .catch(() => undefined);
  assert.deepEqual(await headers(page), ['eventId', 'time', 'vendor', 'actor', 'action', 'target', 'ip', 'outcome', 'userAgent']);
  await page.getByTestId('column-chooser-close').click();

  // Resize: Right arrow on the actor's handle, and a drag of the action's.
  const actor0 = await headWidth(page, 'actor');
  await page.getByTestId('resize-actor').focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  assert.ok(Math.abs((await headWidth(page, 'actor')) - (actor0 + 48)) <= 2, `actor ${actor0} → ${await headWidth(page, 'actor')}`);
  const action0 = await headWidth(page, 'action');
  const h = (await page.getByTestId('resize-action').boundingBox())!;
  await page.mouse.move(h.x + h.width / 2, h.y + h.height / 2);
  await page.mouse.down();
  await page.mouse.move(h.x + h.width / 2 - 40, h.y + h.height / 2, { steps: 4 });
  await page.mouse.up();
  assert.ok(Math.abs((await headWidth(page, 'action')) - (action0 - 40)) <= 2, `action ${action0} → ${await headWidth(page, 'action')}`);

  // Sort: a click sorts by actor, Enter on the focused header reverses; the rows are the CLI's.
  await page.getByTestId('sort-actor').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=sort-actor]')?.getAttribute('aria-sort') === 'ascending');
  await page.waitForFunction(
    (want) =>
      [...document.querySelectorAll<HTMLElement>('[data-testid=row][data-loaded=true]')]
        .slice(0, 8)
        .map((e) => e.dataset.id)
        .join() === want,
    cliIds(casePath, ['--sort', 'actor']).join(),
  );
  await page.getByTestId('sort-actor').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    (want) =>
      [...document.querySelectorAll<HTMLElement>('[data-testid=row][data-loaded=true]')]
        .slice(0, 8)
        .map((e) => e.dataset.id)
        .join() === want,
    cliIds(casePath, ['--sort', 'actor:desc']).join(),
  );
  const sortedIds = (await rowIds(page)).slice(0, 8);
  await page.screenshot({ path: path.join(SHOTS, 'grid-columns.png') });

  // Saved as a view and reopened by address: columns, widths and sort come back.
  const layout = { heads: await headers(page), actor: await headWidth(page, 'actor'), action: await headWidth(page, 'action') };
  await page.keyboard.press('Alt+v');
  await page.getByTestId('view-name').fill('by actor');
  await page.keyboard.press('Enter');
  await page.locator('[data-testid=saved-view][data-name="by actor"]').waitFor();
  const page2 = await page.context().newPage();
  await page2.goto(`${url}#view=${encodeURIComponent('by actor')}`);
  await page2.waitForFunction(() => document.querySelector('[data-testid=sort-actor]')?.getAttribute('aria-sort') === 'descending');
  await page2.waitForFunction(
    (want) =>
      [...document.querySelectorAll<HTMLElement>('[data-testid=row][data-loaded=true]')]
        .slice(0, 8)
        .map((e) => e.dataset.id)
        .join() === want,
    sortedIds.join(),
  );
  assert.deepEqual({ heads: await headers(page2), actor: await headWidth(page2, 'actor'), action: await headWidth(page2, 'action') }, layout);
  assert.deepEqual(problems, []);
});

test('a view saved before columns could be chosen opens with the default columns minus its hidden ones', async (t) => {
  // Stored as the earlier release stored it: filters and hiddenColumns only.
  const { page, url } = await openCase(t, undefined, async (casePath) => {
    const engine = new Engine(() => undefined);
    await engine.openCase({ path: casePath });
    await engine.saveView({ name: 'old', state: { filters: { order: 'desc' }, hiddenColumns: ['vendor', 'requestId'] } as never });
    await engine.close();
  });
  await page.goto(`${url}#view=old`);
  await page.reload();
  await page.waitForFunction(() => document.querySelectorAll('.tl-header > .th').length === 5);
  assert.deepEqual(await headers(page), ['time', 'actor', 'action', 'target', 'outcome']);
});

const marked = (page: Page) =>
  page.locator('[data-testid=row][data-marked=true]').evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.index)));
const idsAt = (page: Page, idx: number[]) => Promise.all(idx.map((i) => page.locator(`[data-testid=row][data-index="${i}"]`).getAttribute('data-id')));

test('multi-select by Shift/Ctrl click and Shift+arrows/Space; bulk tag and bookmark with row markers; Ctrl+C as TSV; status bar', async (t) => {
  const { page, problems, casePath, total } = await openCase(t);
  const status = page.getByTestId('status-bar');
  assert.match((await status.textContent()) ?? '', new RegExp(`No row.*nothing selected.*${total} of ${total} match.*idle`));

  // Mouse: click row 1, Shift+click row 4, Ctrl+click row 6 and row 2 (out again).
  await page.locator('[data-testid=row][data-index="1"]').click();
  await page.getByTestId('detail-panel').waitFor();
  await page.locator('[data-testid=row][data-index="4"]').click({ modifiers: ['Shift'] });
  assert.deepEqual(await marked(page), [1, 2, 3, 4]);
  await page.locator('[data-testid=row][data-index="6"]').click({ modifiers: ['Control'] });
  await page.locator('[data-testid=row][data-index="2"]').click({ modifiers: ['Control'] });
  assert.deepEqual(await marked(page), [1, 3, 4, 6]);
  assert.equal(await page.getByTestId('status-selection').getAttribute('data-count'), '4');
  assert.match((await page.getByTestId('status-position').textContent()) ?? '', new RegExp(`Row 3 of ${total}`));

  // Bulk bookmark (mouse) and tag (keyboard: t, type, Enter; the focus is back on the grid after).
  await page.getByTestId('bulk-bookmark').click();
  await page.getByTestId('status-message').filter({ hasText: 'bookmarked 4 events' }).waitFor();
  await page.getByTestId('timeline-scroll').focus();
  await page.keyboard.press('t');
  await page.getByTestId('bulk-tag-input').waitFor();
  await page.keyboard.type('suspicious');
  await page.keyboard.press('Enter');
  await page.getByTestId('status-message').filter({ hasText: 'tagged "suspicious": 4 events' }).waitFor();
  assert.equal(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.testid), 'timeline-scroll');
  const ids = await idsAt(page, [1, 3, 4, 6]);
  // serve saves annotations shortly after they change: the CLI sees them once saved.
  const taggedIds = () =>
    (JSON.parse(cli(['query', casePath, '--tag', 'suspicious', '--bookmarked', '--limit', '10', '--json']).stdout) as { events: { id: string }[] }).events
      .map((e) => e.id)
      .sort();
  for (let i = 0; i < 40 && taggedIds().length < ids.length; i++) await page.waitForTimeout(250);
  assert.deepEqual(taggedIds(), [...ids].sort());
  for (const i of [1, 3, 4, 6]) {
    await page.locator(`[data-testid=row][data-index="${i}"] [data-testid=mark-bookmark]`).waitFor();
    await page.locator(`[data-testid=row][data-index="${i}"] [data-testid=mark-tag]`).waitFor();
  }
  assert.equal(await page.locator('[data-testid=row][data-index="2"] [data-testid=row-marks]').count(), 0);

  // Keyboard: Escape unmarks; Shift+Down twice from the cursor marks three rows; Space takes one out.
  await page.keyboard.press('Escape');
  assert.deepEqual(await marked(page), []);
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  assert.deepEqual(await marked(page), [0, 1, 2]);
  // Space marks the cursor's row: wait until the cursor is drawn on the third row, not just the marks.
  await page.locator('[data-testid=row][data-index="2"].selected').waitFor();
  await page.keyboard.press('Space');
  assert.deepEqual(await marked(page), [0, 1]);

  // Ctrl+C: the marked rows as TSV, header first, in the shown columns.
  await page.keyboard.press('Control+c');
  await page.getByTestId('status-message').filter({ hasText: 'copied 2 rows' }).waitFor();
  const tsv = await page.evaluate(() => navigator.clipboard.readText());
  const lines = tsv.trimEnd().split('\n');
  assert.equal(lines[0], 'Time (UTC)\tVendor / source\tActor\tAction\tTarget\tOutcome\tRequest ID');
  assert.equal(lines.length, 3);
  const first = JSON.parse(cli(['query', casePath, '--limit', '1', '--json']).stdout) as { events: { time: string; actor: string }[] };
  assert.equal(lines[1].split('\t')[0], first.events[0].time);
  assert.equal(lines[1].split('\t')[2], first.events[0].actor ?? '');
  await page.screenshot({ path: path.join(SHOTS, 'grid-selection.png') });
  assert.deepEqual(problems, []);
});

test('context menu on a cell and a row, by mouse and by keyboard: filter for, copy value, copy raw JSON, open trace, history', async (t) => {
  const { page, problems, casePath } = await openCase(t);
  // Right click on an actor cell: filter for its value adds the chip.
  const cell = page.locator('[data-testid=row][data-index="0"] [data-col=actor]');
  const actor = (await cell.getAttribute('data-fv'))!;
  await cell.click({ button: 'right' });
  await page.getByTestId('grid-menu').waitFor();
  await page.screenshot({ path: path.join(SHOTS, 'grid-context-menu.png') });
  await page.getByTestId('menu-copy-value').click();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), actor);
  await cell.click({ button: 'right' });
  await page.getByTestId('menu-filter-for').click();
  const n = (JSON.parse(cli(['query', casePath, '--where', `actor=${actor}`, '--json']).stdout) as { total: number }).total;
  await page.waitForFunction((v) => document.querySelector('[data-testid=match-count]')?.getAttribute('data-total') === v, String(n));

  // Keyboard: the Menu key on the cursor's row; arrows to "Copy raw JSON", Enter; Escape closes another.
  await page.getByTestId('timeline-scroll').focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+F10');
  await page.getByTestId('grid-menu').waitFor();
  let guard = 0;
  while ((await page.evaluate(() => (document.activeElement as HTMLElement).dataset.testid)) !== 'menu-copy-raw' && guard++ < 10)
    await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.getByTestId('status-message').filter({ hasText: 'copied the raw record' }).waitFor();
  const id = await page.locator('[data-testid=row][data-index="0"]').getAttribute('data-id');
  const full = JSON.parse(cli(['query', casePath, '--where', `actor=${actor}`, '--limit', '1', '--json']).stdout) as { events: { id: string; raw: string }[] };
  assert.equal(full.events[0].id, id);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), full.events[0].raw);
  assert.equal(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.testid), 'timeline-scroll', 'the focus is back on the grid');
  await page.keyboard.press('ContextMenu');
  await page.getByTestId('grid-menu').waitFor();
  await page.keyboard.press('Escape');
  await page.getByTestId('grid-menu').waitFor({ state: 'detached' });

  // Open trace and resource history open the event panel on those tabs.
  await page.locator('[data-testid=row][data-index="0"]').click({ button: 'right' });
  await page.getByTestId('menu-trace').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=tab-trace]')?.getAttribute('aria-selected') === 'true');
  const history = await page.locator('[data-testid=row][data-index="0"] [data-col=target]').getAttribute('data-fv');
  assert.ok(history, 'the first row has a target');
  await page.locator('[data-testid=row][data-index="0"]').click({ button: 'right' });
  await page.getByTestId('menu-history').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=tab-history]')?.getAttribute('aria-selected') === 'true');
  assert.deepEqual(problems, []);
});

test('a raw-record path as a column, by mouse and keyboard, read for the rows on screen; screenshots at 1920x1080', async (t) => {
  const { page, problems, casePath } = await openCase(t, { width: 1920, height: 1080 });
  // Mouse: the chooser's find box narrows the paths; a click adds organization.name.
  await page.getByTestId('column-chooser-open').click();
  await page.getByTestId('column-raw-find').fill('organization.na');
  await page.locator('[data-testid=column-raw-add][data-path="organization.name"]').click();
  assert.ok((await headers(page)).includes('raw:organization.name'));
  // Keyboard: Tab from the find box to the first match, Enter adds it, Escape closes.
  await page.getByTestId('column-raw-find').fill('user.ema');
  await page.getByTestId('column-raw-find').focus();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.path), 'user.email');
  await page.keyboard.press('Enter');
  assert.deepEqual((await headers(page)).slice(-2), ['raw:organization.name', 'raw:user.email']);
  await page.screenshot({ path: path.join(SHOTS, 'grid-chooser-1920.png') });
  await page.keyboard.press('Escape');
  await page.getByTestId('column-chooser').waitFor({ state: 'detached' });

  // The cells hold the raw record's values: the opbox rows' user.email as the CLI's raw has it.
  const first = JSON.parse(cli(['query', casePath, '--limit', '1', '--json']).stdout) as { events: { id: string; raw: string }[] };
  const rec = JSON.parse(first.events[0].raw) as { user: { email: string }; organization: { name: string } };
  const row0 = page.locator('[data-testid=row][data-index="0"]');
  await page.waitForFunction(
    (want) => document.querySelector('[data-testid=row][data-index="0"] [data-col="raw:user.email"]')?.textContent === want,
    rec.user.email,
  );
  assert.equal(await row0.locator('[data-col="raw:organization.name"]').textContent(), rec.organization.name);
  // Ctrl+C carries them too.
  await page.getByTestId('timeline-scroll').focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('Control+c');
  await page.getByTestId('status-message').filter({ hasText: 'copied 1 row' }).waitFor();
  const tsv = (await page.evaluate(() => navigator.clipboard.readText())).trimEnd().split('\n');
  assert.deepEqual(tsv[0].split('\t').slice(-2), ['organization.name', 'user.email']);
  assert.deepEqual(tsv[1].split('\t').slice(-2), [rec.organization.name, rec.user.email]);
  await page.locator('[data-testid=row][data-index="2"]').click({ modifiers: ['Shift'] });
  await page.screenshot({ path: path.join(SHOTS, 'grid-1920.png') });
  assert.deepEqual(problems, []);
});
