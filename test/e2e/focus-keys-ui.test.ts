// Where the keyboard goes in Chromium against `auditdesk serve`: the tag and note boxes and the trace
// steps give the focus back to the timeline; the trace is one Tab stop walked with arrows; "+ path"
// and "a zone…" focus the box they open; a zone error goes with the zone; the view banner stays small.
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { tempDir } from '../helpers/paths';
import { cli } from '../helpers/cli';
import { openServedCase } from '../helpers/browser';
import { TRACE_STEPS, writeMultiVendorCase } from '../investigate/multi-vendor';

const focused = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? null);
const selected = (page: Page) => page.getByTestId('timeline-scroll').getAttribute('data-selected');
const shownId = (page: Page) => page.getByTestId('detail-panel').getAttribute('data-event-id');

function caseWithTrace(): string {
  const dir = tempDir();
  const casePath = path.join(dir, 'focus.auditdesk');
  const { files } = writeMultiVendorCase(dir, 30);
  assert.equal(cli(['import', casePath, ...files, '--json']).code, 0);
  return casePath;
}

test('tag and note boxes give the focus back to the timeline; trace steps by arrows, Enter, Escape', async (t) => {
  const { page, problems } = await openServedCase(t, caseWithTrace(), { width: 1280, height: 800 });
  await page.getByTestId('timeline-scroll').focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  await page.getByTestId('annotation-bar').waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid=annotation-bar]')?.getAttribute('data-id'));

  // Alt+T, a tag, Enter: stored, and the next j moves the timeline instead of typing into the box.
  await page.keyboard.press('Alt+t');
  await page.keyboard.type('lateral');
  await page.keyboard.press('Enter');
  await page.locator('[data-testid=event-tag][data-value=lateral]').waitFor();
  assert.equal(await focused(page), 'timeline-scroll');
  await page.keyboard.press('j');
  assert.equal(await selected(page), '1');
  assert.equal(await page.getByTestId('tag-input').inputValue(), '');

  // Escape leaves the tag box and the note box (the note is saved on leaving) for the timeline.
  await page.keyboard.press('Alt+t');
  await page.keyboard.type('x');
  await page.keyboard.press('Escape');
  assert.equal(await focused(page), 'timeline-scroll');
  await page.getByTestId('tag-input').fill('');
  await page.getByTestId('timeline-scroll').focus();
  await page.keyboard.press('Alt+n');
  assert.equal(await focused(page), 'note-input');
  await page.keyboard.type('seen from the VPN');
  await page.keyboard.press('Escape');
  assert.equal(await focused(page), 'timeline-scroll');
  await page.keyboard.press('k');
  assert.equal(await selected(page), '0');

  // The trace: one Tab stop; arrows walk the steps, Enter opens one, Escape goes back to the timeline.
  await page.getByTestId('col-filter-actor').fill('exfil_agent');
  await page.waitForFunction(() => document.querySelector('[data-testid=match-count]')?.getAttribute('data-total') === '1');
  await page.getByTestId('timeline-scroll').focus();
  await page.keyboard.press('Home');
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid=detail-panel]')?.getAttribute('data-event-id') ===
      document.querySelector('[data-testid=row][data-index="0"]')?.getAttribute('data-id'),
  );
  await page.keyboard.press('Alt+2');
  await page
    .locator('[data-testid=trace-row]')
    .nth(TRACE_STEPS.length - 1)
    .waitFor();
  let tabs = 0;
  while ((await focused(page)) !== 'trace-row' && tabs++ < 40) await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'trace-row', 'Tab reaches the trace steps');
  // The Tab stop is the step shown (adminconsole, the third).
  assert.equal(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.vendor), 'adminconsole');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.vendor), 'openclaw');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.vendor), 'openindex');
  const openindexId = await page.evaluate(() => (document.activeElement as HTMLElement).dataset.eventId);
  await page.keyboard.press('Enter');
  await page.waitForFunction((id) => document.querySelector('[data-testid=detail-panel]')?.getAttribute('data-event-id') === id, openindexId);
  await page.waitForFunction(() => document.querySelector('.trace-row.current')?.getAttribute('data-vendor') === 'openindex');
  assert.equal(await shownId(page), openindexId);
  assert.equal(await focused(page), 'trace-row', 'the opened step keeps the focus');
  // Tab leaves the steps in one press instead of walking through all of them.
  await page.keyboard.press('Tab');
  assert.notEqual(await focused(page), 'trace-row');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.vendor), 'openindex');
  await page.keyboard.press('Escape');
  assert.equal(await focused(page), 'timeline-scroll');
  assert.deepEqual(problems, []);
});

test('"+ path" and "a zone…" focus the box they open; a zone error goes with the zone; the view banner is one line', async (t) => {
  const { page, problems, url } = await openServedCase(t, caseWithTrace(), { width: 1280, height: 800 });

  // Mapping dialog: "+ path" by mouse, then by keyboard, each time into the new empty box.
  await page.getByTestId('sources-toggle').click();
  await page.getByTestId('mapping-button').first().click();
  const add = page.locator('[data-testid=mapping-add-path]').first();
  await add.waitFor();
  await add.click();
  assert.equal(await focused(page), 'mapping-path-input');
  assert.equal(await page.evaluate(() => (document.activeElement as HTMLInputElement).value), '');
  await add.focus();
  await page.keyboard.press('Enter');
  assert.equal(await focused(page), 'mapping-path-input');
  assert.equal(await page.evaluate(() => (document.activeElement as HTMLInputElement).value), '');
  await page.keyboard.press('Escape');
  await page.getByTestId('mapping-add-path').first().waitFor({ state: 'detached' });

  // Time zone: choosing "a zone…" by keyboard lands in its box; a refused name's error goes on UTC.
  await page.keyboard.press('Alt+z');
  assert.equal(await focused(page), 'zone-select');
  await page.keyboard.press('End');
  await page.getByTestId('zone-input').waitFor();
  assert.equal(await focused(page), 'zone-input');
  await page.keyboard.type('Mars/Olympus');
  await page.keyboard.press('Enter');
  await page.getByTestId('zone-error').waitFor();
  await page.getByTestId('zone-select').selectOption('UTC');
  await page.getByTestId('zone-error').waitFor({ state: 'detached' });
  // By mouse too: picking "a zone…" puts the caret in the box.
  await page.getByTestId('zone-select').selectOption('zone');
  assert.equal(await focused(page), 'zone-input');
  await page.keyboard.press('Escape');
  await page.getByTestId('zone-select').selectOption('UTC');

  // An unknown #view= is a one-line banner over a timeline that stays in view; × (or Enter on it) hides it.
  await page.goto(`${url}#view=no-such-view`);
  const banner = page.getByTestId('view-error');
  await banner.waitFor();
  const box = (await banner.boundingBox())!;
  assert.ok(box.height < 40, `banner ${box.height}px high`);
  assert.match((await banner.textContent()) ?? '', /no-such-view/);
  assert.ok(await page.locator('[data-testid=row][data-loaded=true]').first().isVisible());
  await banner.getByTestId('banner-dismiss').focus();
  await page.keyboard.press('Enter');
  await banner.waitFor({ state: 'detached' });
  assert.deepEqual(problems, []);
});
