// `auditdesk report` end to end on real corpus files: the HTML opens in Chromium with no request
// leaving the file, escapes what the records and notes hold, shows for every cited event the row hash
// of the evidence export's manifest, states that manifest's SHA-256 (which a changed byte breaks),
// and prints to a PDF whose first page renders.
import test from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { cli } from '../helpers/cli';
import { CORPUS_DIR, REPO_ROOT, tempDir, SHOTS_DIR } from '../helpers/paths';
import { launchChromium } from '../helpers/browser';

const CLOUDTRAIL = path.join(CORPUS_DIR, 'aws_cloudtrail/ec2_proxy_s3_exfiltration_2020-09-14011940.json');
const ZOOM = path.join(CORPUS_DIR, 'zoom/elastic_zoom_webhook_user_events_envelope.json');
const BITWARDEN = path.join(CORPUS_DIR, 'bitwarden/sentinel_bitwarden_eventlogs_ingestedlogs.csv');
const ASSUME_ROLE = '905d389b-b853-46d0-9d3d-dea0d3a3cd49';
const NOTE = 'seen <script>alert(1)</script><img src="http://127.0.0.1:9/x.png"> & "quoted"';

type Rec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const sha256 = (b: Buffer | string) => crypto.createHash('sha256').update(b).digest('hex');

function ok(args: string[], env?: NodeJS.ProcessEnv): string {
  const r = cli(args, { env });
  assert.equal(r.code, 0, r.stderr + r.stdout);
  return r.stdout;
}
const firstId = (casePath: string, q: string): string =>
  (JSON.parse(ok(['query', casePath, '--q', q, '--limit', '1', '--json'])) as { events: Rec[] }).events[0].id;

/** A case of real files with a detection run, annotations (one a CSV row), a trace and a diff to report. */
function makeCase(dir: string) {
  const casePath = path.join(dir, 'c.auditdesk');
  ok(['import', casePath, CLOUDTRAIL, ZOOM, BITWARDEN, '--json']);
  ok(['detect', casePath, '--json']);
  const trail = fs
    .readFileSync(CLOUDTRAIL, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Rec);
  const counts = new Map<string, number>();
  for (const r of trail) if (r.requestID) counts.set(r.requestID, (counts.get(r.requestID) ?? 0) + 1);
  const [requestId, traceCount] = [...counts].find(([, n]) => n > 1)!;
  const assumed = trail.filter((r) => r.userIdentity?.type === 'AssumedRole' && r.userIdentity?.sessionContext?.sessionIssuer?.type === 'Role').length;

  const noted = firstId(casePath, 'action:DescribeVolumes');
  ok(['annotate', casePath, noted, '--bookmark', '--tag', 'exfil', '--note', NOTE]);
  const csvRow = firstId(casePath, 'vendor:bitwarden');
  ok(['annotate', casePath, csvRow, '--tag', 'vault']);
  const changed = firstId(casePath, 'action:user.updated');
  return { casePath, requestId, traceCount, assumed, noted, csvRow, changed };
}

test('report: self-contained HTML, row hashes of its evidence export, the stated manifest hash, and a PDF', async (t) => {
  const dir = tempDir();
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const c = makeCase(dir);
  const html = path.join(dir, 'out', 'incident.html');
  const summary = JSON.parse(
    ok(['report', c.casePath, '--out', html, '--pdf', '--q', 'vendor:aws', '--trace', c.requestId, '--diff', c.changed, '--title', 'Case <42>', '--json']),
  ) as { file: string; evidenceDir: string; manifestSha256: string; events: number; pdf: string };
  const evidence = path.join(dir, 'out', 'incident.evidence');
  assert.equal(summary.file, html);
  assert.equal(summary.evidenceDir, evidence);
  assert.equal(summary.pdf, path.join(dir, 'out', 'incident.pdf'));

  // The export is a normal evidence export: verify passes, and its manifest has the stated hash.
  assert.deepEqual(fs.readdirSync(evidence).sort(), ['SHA256SUMS', 'events.jsonl', 'manifest.json', 'verify.mjs']);
  ok(['verify', evidence]);
  const manifestBytes = fs.readFileSync(path.join(evidence, 'manifest.json'));
  assert.equal(summary.manifestSha256, sha256(manifestBytes));
  const manifest = JSON.parse(manifestBytes.toString('utf8')) as { rows: Rec[]; sources: Rec[] };
  assert.equal(manifest.rows.length, summary.events);

  const text = fs.readFileSync(html, 'utf8');
  assert.match(text, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; img-src data:">/);
  assert.doesNotMatch(text, /<script|<img|<link|@import|url\(/i, 'nothing in the page can load or run');

  const browser = await launchChromium();
  t.after(() => browser.close());
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 1920, height: 1080 },
  ]) {
    const page = await browser.newPage({ viewport });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    await page.goto(pathToFileURL(html).href);
    assert.deepEqual(requests, [pathToFileURL(html).href], 'only the report file itself is loaded');
    assert.deepEqual(problems, []);
    assert.equal(await page.title(), 'Case <42>');

    // The note is shown as the text it is.
    assert.equal(await page.locator(`article[data-event-id="${c.noted}"] .note`).textContent(), NOTE);
    assert.equal(await page.locator('script, img').count(), 0);

    // Every cited event: its row hash as in the manifest, its source file's SHA-256 and its line.
    const index = await page.$$eval('tr[data-event-id]', (rows) =>
      rows.map((r) => ({ id: (r as HTMLElement).dataset.eventId!, sha: (r as HTMLElement).dataset.rowSha256!, text: r.textContent ?? '' })),
    );
    assert.equal(index.length, manifest.rows.length);
    for (const row of manifest.rows) {
      const shown = index.find((x) => x.id === row.id);
      assert.ok(shown, `event ${row.id} of the export is in the report`);
      assert.equal(shown.sha, row.sha256);
      assert.ok(shown.text.includes(row.sha256));
      assert.ok(shown.text.includes(manifest.sources[row.source].sha256), `event ${row.id} names its source's SHA-256`);
      assert.ok(shown.text.includes(`line ${row.line}, bytes ${row.offset}–${row.offset + row.length}`));
    }
    for (const id of [c.noted, c.csvRow, c.changed])
      assert.ok(
        index.some((x) => x.id === id),
        `event ${id} is cited`,
      );
    assert.equal((await page.locator('#manifest-sha256').textContent())?.trim(), sha256(manifestBytes));

    // The trace shows every event of the request (counted from the file), the findings their rule.
    assert.equal(await page.locator('#traces tbody tr').count(), c.traceCount);
    const findings = (await page.locator('#findings').textContent()) ?? '';
    assert.match(findings, new RegExp(`AWS STS AssumeRole Misuse \\(${c.assumed} events\\)`));
    assert.ok(findings.includes(`rule ${ASSUME_ROLE} by Austin Songer`));
    assert.ok((await page.locator('#diffs tbody tr').count()) > 0);
    assert.ok((await page.locator('.chart rect').count()) > 0);

    fs.mkdirSync(path.join(REPO_ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: path.join(REPO_ROOT, 'test-results', `report-${viewport.width}.png`) });
    if (viewport.width === 1280) {
      fs.mkdirSync(SHOTS_DIR, { recursive: true });
      await page.screenshot({ path: path.join(SHOTS_DIR, 'report.png') });
    }
    await page.close();
  }

  // The PDF renders: its first page as a PNG of real content.
  assert.equal(fs.readFileSync(summary.pdf).subarray(0, 5).toString('latin1'), '%PDF-');
  const png = path.join(dir, 'page');
  const r = spawnSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', summary.pdf, png], { encoding: 'utf8' });
  assert.equal(r.status, 0, `pdftoppm (apt-get install poppler-utils): ${r.stderr ?? r.error}`);
  const page1 = fs.readdirSync(dir).find((f) => f.startsWith('page') && f.endsWith('.png'));
  assert.ok(page1, 'pdftoppm wrote page 1');
  assert.ok(fs.statSync(path.join(dir, page1)).size > 10_000, 'page 1 is more than a blank page');
  fs.copyFileSync(path.join(dir, page1), path.join(REPO_ROOT, 'test-results', 'report-pdf-page1.png'));

  // One changed byte of the evidence: verify fails, or the manifest no longer has the stated hash.
  const data = path.join(evidence, 'events.jsonl');
  const bytes = fs.readFileSync(data);
  bytes[10] ^= 1;
  fs.writeFileSync(data, bytes);
  assert.equal(cli(['verify', evidence]).code, 1);
  bytes[10] ^= 1;
  fs.writeFileSync(data, bytes);
  ok(['verify', evidence]);
  const m = fs.readFileSync(path.join(evidence, 'manifest.json'));
  m[m.length - 2] = 0x20;
  fs.writeFileSync(path.join(evidence, 'manifest.json'), m);
  assert.notEqual(sha256(fs.readFileSync(path.join(evidence, 'manifest.json'))), summary.manifestSha256);
  assert.ok(text.includes(summary.manifestSha256), 'the report states the hash the changed manifest no longer has');
});

test('report: clear refusals (no --out, an existing file, no Chromium for --pdf) and --no-findings', (t) => {
  const dir = tempDir();
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const casePath = path.join(dir, 'c.auditdesk');
  ok(['import', casePath, CLOUDTRAIL, '--json']);

  const empty = cli(['report', casePath, '--out', path.join(dir, 'none.html')]);
  assert.equal(empty.code, 1);
  assert.match(empty.stderr, /the report would cite no event/);

  ok(['annotate', casePath, firstId(casePath, 'action:DescribeVolumes'), '--bookmark']);
  const noOut = cli(['report', casePath]);
  assert.notEqual(noOut.code, 0);
  assert.match(noOut.stderr, /report needs --out FILE.html/);

  const html = path.join(dir, 'r.html');
  const noChromium = cli(['report', casePath, '--out', html, '--pdf', '--no-findings'], { env: { AUDITDESK_CHROMIUM: path.join(dir, 'no-such-chromium') } });
  assert.equal(noChromium.code, 1);
  assert.match(noChromium.stderr, /AUDITDESK_CHROMIUM is .*no-such-chromium, which does not exist/);
  assert.ok(fs.existsSync(html), 'the HTML report is written before the PDF is tried');
  assert.equal(fs.existsSync(path.join(dir, 'r.pdf')), false);
  assert.doesNotMatch(fs.readFileSync(html, 'utf8'), /id="findings"/);

  const badTrace = cli(['report', casePath, '--out', path.join(dir, 't.html'), '--trace', 'no-such-request']);
  assert.equal(badTrace.code, 1);
  assert.match(badTrace.stderr, /no event has request id "no-such-request" in this case/);
  const badDiff = cli(['report', casePath, '--out', path.join(dir, 'd.html'), '--diff', '999999']);
  assert.equal(badDiff.code, 1);
  assert.match(badDiff.stderr, /no event 999999 in this case/);
  assert.equal(fs.existsSync(path.join(dir, 't.evidence')) || fs.existsSync(path.join(dir, 'd.evidence')), false, 'nothing written for a refused report');

  const again = cli(['report', casePath, '--out', html]);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /r\.html already exists: choose a new file name/);
});
