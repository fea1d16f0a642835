// The README's screenshots of the investigation features, each staged by mouse and keyboard on its own
// copy of a generated case, so that a scene's bookmarks or sort never leak into the next one. Each is
// taken at 1280×800 and at 1920×1080 (readme-screenshots.ts).
import type { Page } from 'playwright-core';

export type CaseKind = 'multi' | 'decade' | 'cases';

export interface Scene {
  /** The file name in docs/screenshots without .png; the 1920×1080 twin adds -1920. */
  name: string;
  caseKind: CaseKind;
  /** Stages the page; returns the test id of the element to capture, or nothing for the whole window. */
  stage(page: Page): Promise<string | void>;
}

const waitTotal = (page: Page, n: string) =>
  page.waitForFunction((v) => document.querySelector('[data-testid=match-count]')?.getAttribute('data-total') === v, n);

async function queryLanguage(page: Page) {
  const box = page.getByTestId('filter-box');
  await box.fill('outcome:(failure OR denied) -vendor:opbox');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=query-chip]').length === 2);
  await page.waitForSelector('[data-testid=timeline-scroll][data-pending=false]');
  // An error being typed after them: shown inline, the previous results and chips stay.
  await box.fill('outcome:(failure OR denied) -vendor:opbox AND actor:(alice OR');
  await page.getByTestId('query-error').waitFor();
}

async function gridColumns(page: Page) {
  await page.getByTestId('column-chooser-open').click();
  for (const id of ['eventId', 'ip', 'userAgent', 'requestId']) await page.getByTestId(`column-show-${id}`).click();
  for (let i = 0; i < 8; i++)
    await page
      .getByTestId('column-up-eventId')
      .click()
      .catch(() => undefined);
  await page.getByTestId('column-chooser-close').click();
  await page.getByTestId('sort-actor').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=sort-actor]')?.getAttribute('aria-sort') === 'ascending');
  await page.waitForSelector('[data-testid=timeline-scroll][data-pending=false]');
}

async function gridContextMenu(page: Page) {
  await page.locator('[data-testid=row][data-index="2"] [data-col=actor]').click({ button: 'right' });
  await page.getByTestId('grid-menu').waitFor();
}

async function gridSelection(page: Page) {
  await page.locator('[data-testid=row][data-index="1"]').click();
  await page.getByTestId('detail-panel').waitFor();
  await page.locator('[data-testid=row][data-index="4"]').click({ modifiers: ['Shift'] });
  await page.locator('[data-testid=row][data-index="6"]').click({ modifiers: ['Control'] });
  await page.getByTestId('bulk-bookmark').click();
  await page.getByTestId('status-message').filter({ hasText: 'bookmarked 5 events' }).waitFor();
  await page.getByTestId('timeline-scroll').focus();
  await page.keyboard.press('t');
  await page.getByTestId('bulk-tag-input').waitFor();
  await page.keyboard.type('suspicious');
  await page.keyboard.press('Enter');
  await page.getByTestId('status-message').filter({ hasText: 'tagged "suspicious": 5 events' }).waitFor();
  await page.locator('[data-testid=row][data-index="6"] [data-testid=mark-tag]').waitFor();
}

async function darkMode(page: Page) {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
  await page.locator('[data-testid=row][data-loaded=true]').nth(3).click();
  await page.getByTestId('facets-toggle').click();
  await page.locator('[data-testid=detail-panel] [data-testid=monaco-container] .monaco-editor').waitFor();
}

async function histogramGaps(page: Page) {
  await page.getByTestId('histogram-log').click();
  await page.waitForSelector('[data-testid=histogram][data-log=true]');
  return 'overview';
}

async function sqlSchema(page: Page) {
  await page.getByTestId('timeline-scroll').focus();
  await page.keyboard.press('Alt+q');
  await page.locator('[data-testid=sql-editor] .monaco-editor').click();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  await page.keyboard.type('SELECT id, actor, action, outcome FROM events ORDER BY id LIMIT 50');
  await page.keyboard.press('Control+Enter');
  await page.locator('[data-testid=sql-row][data-index="0"] [data-col]').first().waitFor();
  await page.getByTestId('sql-schema-toggle').click();
  await page.locator('[data-testid=schema-column][data-table=events][data-name=outcome]').waitFor();
}

async function casePicker(page: Page) {
  // A second case opened through Browse…, so that the form lists two recent cases.
  await page.getByTestId('open-case-button').click();
  await page.getByTestId('case-browse').click();
  await page.locator('[data-testid=case-folder-entry][data-name=sub]').click();
  await page.locator('[data-testid=case-folder-entry][data-name="b.auditdesk"]').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=case-path]')?.getAttribute('title')?.endsWith('b.auditdesk'));
  await page.getByTestId('open-case-button').click();
  await page.locator('[data-testid=recent-case]').nth(1).waitFor();
  await page.getByTestId('case-browse').click();
  await page.locator('[data-testid=case-folder-entry][data-name=sub]').waitFor();
}

async function annotations(page: Page) {
  await page.getByTestId('timeline-scroll').focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  const barId = () => page.getByTestId('annotation-bar').getAttribute('data-id');
  await page.waitForFunction(() => document.querySelector('[data-testid=annotation-bar]')?.getAttribute('data-id'));
  const first = await barId();
  await page.keyboard.press('Alt+b');
  await page.waitForFunction(() => document.querySelector('[data-testid=annotation-bar]')?.getAttribute('data-bookmarked') === 'true');
  await page.keyboard.press('Alt+t');
  await page.keyboard.type('exfiltration');
  await page.keyboard.press('Enter');
  await page.locator('[data-testid=event-tag][data-value=exfiltration]').waitFor();
  await page.keyboard.press('Alt+n');
  await page.keyboard.type('Same actor as the CRM export');
  await page.keyboard.press('Control+Enter');
  await page.getByTestId('timeline-scroll').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction((id) => {
    const bar = document.querySelector('[data-testid=annotation-bar]');
    return bar?.getAttribute('data-id') !== id && bar?.getAttribute('data-bookmarked') === 'false';
  }, first);
  await page.keyboard.press('Alt+t');
  await page.keyboard.type('exfiltration');
  await page.keyboard.press('Enter');
  await page.locator('[data-testid=event-tag][data-value=exfiltration]').waitFor();
  await page.keyboard.press('Alt+l');
  await page.waitForFunction(() => document.querySelector('[data-testid=annotations-count]')?.getAttribute('data-total') === '2');
  await page.locator('[data-testid=tag-filter][data-value=exfiltration]').click();
  await waitTotal(page, '2');
}

export const SCENES: Scene[] = [
  { name: 'query-language', caseKind: 'multi', stage: queryLanguage },
  { name: 'grid-columns', caseKind: 'multi', stage: gridColumns },
  { name: 'grid-context-menu', caseKind: 'multi', stage: gridContextMenu },
  { name: 'grid-selection', caseKind: 'multi', stage: gridSelection },
  { name: 'dark-mode', caseKind: 'multi', stage: darkMode },
  { name: 'histogram-gaps', caseKind: 'decade', stage: histogramGaps },
  { name: 'sql-schema', caseKind: 'multi', stage: sqlSchema },
  { name: 'case-picker', caseKind: 'cases', stage: casePicker },
  { name: 'annotations', caseKind: 'multi', stage: annotations },
];
