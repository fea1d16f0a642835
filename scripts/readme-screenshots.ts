// Regenerates the README's screenshots: the overview ones from a demo case of real corpus files and the
// vendor samples, and each investigation feature at 1280×800 and 1920×1080 (name.png, name-1920.png)
// from generated cases (readme-screenshots/scenes.ts):
//   node --import tsx scripts/readme-screenshots.ts [scene-name ...]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cli, serve } from '../test/helpers/cli';
import { launchChromium } from '../test/helpers/browser';
import { CORPUS_DIR, REPO_ROOT } from '../test/helpers/paths';
import type { Browser } from 'playwright-core';
import { SCENES } from './readme-screenshots/scenes';
import { makeCases } from './readme-screenshots/cases';

const OUT = path.join(REPO_ROOT, 'docs', 'screenshots');
const SIZES = [
  { width: 1280, height: 800, suffix: '' },
  { width: 1920, height: 1080, suffix: '-1920' },
];

async function demoShots(browser: Browser, tmp: string): Promise<void> {
  const casePath = path.join(tmp, 'demo.auditdesk');
  const samples = fs.readdirSync(path.join(REPO_ROOT, 'src/main/vendors')).flatMap((v) => {
    const dir = path.join(REPO_ROOT, 'src/main/vendors', v, 'samples');
    return fs.existsSync(dir) ? fs.readdirSync(dir).map((f) => path.join(dir, f)) : [];
  });
  const corpus = [
    'okta/elastic_okta_system_events.log',
    'atlassian_jira/demisto_jira_auditing_records_envelope.json',
    'aws_cloudtrail/ec2_proxy_s3_exfiltration_2020-09-14011940.json',
    'gcp_audit/plaso_gcp_logging.jsonl',
    'kubernetes/audit2rbac_demo.log',
    'zoom/elastic_zoom_webhook_user_events_envelope.json',
  ].map((f) => path.join(CORPUS_DIR, f));
  cli(['import', casePath, ...corpus, ...samples]);
  const host = await serve(casePath);
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(host.url);
    await page.waitForSelector('[data-testid=row][data-loaded=true]');
    await page.screenshot({ path: path.join(OUT, 'timeline.png') });
    await page
      .getByTestId('col-filter-vendor')
      .selectOption({ label: 'atlassian' })
      .catch(() => undefined);
    await page.getByTestId('filter-box').fill('Jira');
    await page.waitForTimeout(600);
    await page.getByTestId('filter-box').fill('');
    await page.getByTestId('col-filter-action').fill('changed');
    await page.waitForTimeout(800);
    await page.getByTestId('timeline-scroll').focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    await page.getByTestId('detail-panel').waitFor();
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(OUT, 'event-detail.png') });
    await page.getByTestId('col-filter-action').fill('');
    await page.getByTestId('sources-toggle').click();
    await page.getByTestId('mapping-button').nth(2).click();
    await page.getByTestId('mapping-dialog').waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(OUT, 'mapping.png') });
    await page.close();
  } finally {
    await host.stop();
  }
}

/** Each scene on a fresh copy of its case, in a fresh browser context (no remembered theme or layout). */
async function featureShots(browser: Browser, tmp: string, only: string[]): Promise<void> {
  const cases = makeCases(path.join(tmp, 'cases'));
  for (const scene of SCENES.filter((s) => only.length === 0 || only.includes(s.name))) {
    for (const size of SIZES) {
      const { root, start } = cases[scene.caseKind];
      const copy = path.join(tmp, 'shots', `${scene.name}${size.suffix}`);
      fs.cpSync(root, copy, { recursive: true });
      const host = await serve(path.join(copy, start));
      const context = await browser.newContext({ viewport: { width: size.width, height: size.height } });
      try {
        const page = await context.newPage();
        await page.goto(host.url);
        await page.waitForSelector('[data-testid=row][data-loaded=true]');
        const part = await scene.stage(page);
        // Let transitions, Monaco's layout and the debounced counts settle before the picture.
        await page.waitForTimeout(700);
        const file = path.join(OUT, `${scene.name}${size.suffix}.png`);
        await (part ? page.getByTestId(part).screenshot({ path: file }) : page.screenshot({ path: file }));
        console.log(`${path.relative(REPO_ROOT, file)}`);
      } finally {
        await context.close();
        await host.stop();
      }
    }
  }
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'auditdesk-shots-'));
  // serve remembers the cases it opens: here, not in the user's own recent-cases list.
  process.env.XDG_CONFIG_HOME = path.join(tmp, 'config');
  fs.mkdirSync(OUT, { recursive: true });
  const browser = await launchChromium();
  try {
    if (only.length === 0 || only.includes('demo')) await demoShots(browser, tmp);
    const scenes = only.filter((n) => n !== 'demo');
    if (only.length === 0 || scenes.length > 0) await featureShots(browser, tmp, scenes);
    console.log(`screenshots written to ${OUT}`);
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
