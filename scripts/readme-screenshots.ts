// Regenerates the README's screenshots from a demo case of real corpus files and the vendor samples:
//   node --import tsx scripts/readme-screenshots.ts
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cli, serve } from '../test/helpers/cli';
import { launchChromium } from '../test/helpers/browser';
import { CORPUS_DIR, REPO_ROOT } from '../test/helpers/paths';

async function main(): Promise<void> {
  const casePath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'auditdesk-demo-')), 'demo.auditdesk');
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
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(host.url);
    await page.waitForSelector('[data-testid=row][data-loaded=true]');
    const out = path.join(REPO_ROOT, 'docs', 'screenshots');
    fs.mkdirSync(out, { recursive: true });
    await page.screenshot({ path: path.join(out, 'timeline.png') });
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
    await page.screenshot({ path: path.join(out, 'event-detail.png') });
    await page.getByTestId('col-filter-action').fill('');
    await page.getByTestId('sources-toggle').click();
    await page.getByTestId('mapping-button').nth(2).click();
    await page.getByTestId('mapping-dialog').waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(out, 'mapping.png') });
    console.log(`screenshots written to ${out}`);
  } finally {
    await browser.close();
    await host.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
