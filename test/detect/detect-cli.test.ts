// `auditdesk detect` end to end on a case of real corpus files: the --json shape, hits counted from the
// rule's text, the user's --rules folder (with skipped rules and their reasons), and the `--finding`
// filter in later processes (column and SQL paths alike) and in an evidence export.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { cli } from '../helpers/cli';
import { CORPUS_DIR, tempDir } from '../helpers/paths';

const CLOUDTRAIL = path.join(CORPUS_DIR, 'aws_cloudtrail/ec2_proxy_s3_exfiltration_2020-09-14011940.json');
const AZURE = path.join(CORPUS_DIR, 'azure_activity/plaso_azure_activity_log.jsonl');
const ASSUME_ROLE = '905d389b-b853-46d0-9d3d-dea0d3a3cd49';

type Rec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const records = (file: string): Rec[] =>
  fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Rec);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function json(args: string[], env?: NodeJS.ProcessEnv): any {
  const r = cli([...args, '--json'], { env });
  assert.equal(r.code, 0, r.stderr + r.stdout);
  return JSON.parse(r.stdout);
}

test('detect --json: bundled and user rules over real files, skipped reasons, and the finding filter afterwards', (t) => {
  const dir = tempDir();
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const casePath = path.join(dir, 'c.auditdesk');
  json(['import', casePath, CLOUDTRAIL, AZURE]);
  const total = records(CLOUDTRAIL).length + records(AZURE).length;

  // The user's folder: one rule of theirs, one with an aggregation, one of broken YAML, one for Windows.
  const rulesDir = path.join(dir, 'my-rules');
  fs.mkdirSync(path.join(rulesDir, 'nested'), { recursive: true });
  fs.writeFileSync(
    path.join(rulesDir, 'nested', 'list-buckets.yml'),
    'title: Bucket listing\nid: my-list-buckets\nauthor: me\nlevel: low\nlogsource:\n  product: aws\n  service: cloudtrail\ndetection:\n  sel:\n    eventName: ListBuckets\n    eventSource|endswith: .amazonaws.com\n  condition: sel\n',
  );
  fs.writeFileSync(
    path.join(rulesDir, 'counted.yml'),
    'title: Many describes\nid: my-counted\nlevel: low\nlogsource:\n  product: aws\n  service: cloudtrail\ndetection:\n  sel:\n    eventName|startswith: Describe\n  condition: sel | count() by sourceIPAddress > 10\n',
  );
  fs.writeFileSync(path.join(rulesDir, 'broken.yaml'), 'title: broken\ndetection: [\n');
  fs.writeFileSync(
    path.join(rulesDir, 'windows.yml'),
    'title: Whoami\nid: my-win\nlogsource:\n  category: process_creation\n  product: windows\ndetection:\n  sel:\n    Image|endswith: \\whoami.exe\n  condition: sel\n',
  );

  const out = json(['detect', casePath, '--rules', rulesDir]);
  assert.deepEqual(Object.keys(out), ['rules', 'events']);
  assert.equal(out.events, total);
  for (const r of out.rules) assert.deepEqual(Object.keys(r), ['id', 'title', 'level', 'hits', 'skipped']);
  const rule = (id: string) => out.rules.find((r: { id: string }) => r.id === id);

  const assumed = records(CLOUDTRAIL).filter(
    (r) => r.userIdentity?.type === 'AssumedRole' && r.userIdentity?.sessionContext?.sessionIssuer?.type === 'Role',
  ).length;
  assert.ok(assumed > 0);
  assert.deepEqual(rule(ASSUME_ROLE), { id: ASSUME_ROLE, title: 'AWS STS AssumeRole Misuse', level: 'low', hits: assumed, skipped: null });
  const listBuckets = records(CLOUDTRAIL).filter((r) => r.eventName === 'ListBuckets').length;
  assert.ok(listBuckets > 0);
  assert.deepEqual(rule('my-list-buckets'), { id: 'my-list-buckets', title: 'Bucket listing', level: 'low', hits: listBuckets, skipped: null });
  assert.match(rule('my-counted').skipped, /aggregations/);
  assert.equal(rule('my-counted').hits, 0);
  assert.match(rule('my-win').skipped, /logsource \(product: windows, category: process_creation\) names no audit source/);
  const broken = out.rules.find((r: { title: string }) => r.title === 'broken.yaml');
  assert.match(broken.skipped, /YAML error/);

  // Without --rules only the bundled set runs, and the previous run's matches are replaced.
  const bundled = json(['detect', casePath]);
  assert.equal(
    bundled.rules.some((r: { id: string }) => r.id.startsWith('my-')),
    false,
  );
  assert.equal(bundled.rules.find((r: { id: string }) => r.id === ASSUME_ROLE).hits, assumed);

  // The matches are kept in the case: a later process filters by them, on the column path and on SQL.
  for (const env of [{}, { AD_COLUMNS: '0' }]) {
    const q = json(['query', casePath, '--finding', ASSUME_ROLE, '--limit', '1000'], env);
    assert.equal(q.total, assumed);
    for (const e of q.events) {
      const raw = JSON.parse(e.raw);
      assert.equal(raw.userIdentity.type, 'AssumedRole');
      assert.equal(raw.userIdentity.sessionContext.sessionIssuer.type, 'Role');
    }
    assert.equal(json(['query', casePath, '--finding', 'my-list-buckets'], env).total, 0);
  }

  // And an evidence export of a finding holds exactly its events.
  const exportDir = path.join(dir, 'export');
  const ex = cli(['export', casePath, '--finding', ASSUME_ROLE, '--format', 'jsonl', '--out', exportDir]);
  assert.equal(ex.code, 0, ex.stderr);
  const manifest = JSON.parse(fs.readFileSync(path.join(exportDir, 'manifest.json'), 'utf8'));
  assert.match(JSON.stringify(manifest), new RegExp(`detection rule ${ASSUME_ROLE} matched the event`));
  const exported = fs.readdirSync(exportDir).filter((f) => f.endsWith('.jsonl'));
  const rows = exported.flatMap((f) => fs.readFileSync(path.join(exportDir, f), 'utf8').split('\n').filter(Boolean));
  assert.equal(rows.length, assumed);
});

test('detect refuses a rules folder that does not exist, naming it, and changes nothing', (t) => {
  const dir = tempDir();
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const casePath = path.join(dir, 'c.auditdesk');
  json(['import', casePath, CLOUDTRAIL]);
  const missing = path.join(dir, 'nope');
  const r = cli(['detect', casePath, '--rules', missing, '--json']);
  assert.equal(r.code, 1);
  assert.deepEqual(JSON.parse(r.stdout), { error: `rules folder ${missing} does not exist` });
});
