// The fast detection path (plans by needed value, the raw-text prefilter) finds exactly what the
// reference path (every record parsed, every rule tried) finds, in the engine thread alone and with a
// worker thread, over real corpus records and a few written to corner its text checks, and it did
// leave records unparsed.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Engine } from '../../src/main/engine/engine';
import { CaseStore } from '../../src/main/engine/store/case-store';
import { loadRules } from '../../src/main/engine/detect/load-rules';
import { runDetect, type DetectStats } from '../../src/main/engine/detect/run-detect';
import { CORPUS_DIR, tempDir } from '../helpers/paths';

const FILES = [
  'aws_cloudtrail/ec2_proxy_s3_exfiltration_2020-09-14011940.json',
  'okta/elastic_okta_system_events.log',
  'azure_activity/plaso_azure_activity_log.jsonl',
  'entra_id_signin/elastic_azure_signinlogs_raw.log',
  'gcp_audit/plaso_gcp_logging.jsonl',
  'github/elastic_github_enterprise_audit.log',
  'm365_unified_audit/plaso_microsoft_audit_log.jsonl',
  'google_workspace/elastic_gws_admin_updated.log',
].map((f) => path.join(CORPUS_DIR, f));
const ASSUME_ROLE = '905d389b-b853-46d0-9d3d-dea0d3a3cd49';

type Rec = Record<string, unknown>;
const lines = (file: string): Rec[] =>
  fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Rec);

/** Records a case-blind regex or a colon right after the key would miss, though a rule matches them. */
function cornerFiles(dir: string): string[] {
  const azure = lines(FILES[2]!);
  // The Kelvin sign lowercases to "k": the rule's lowercased compare matches it.
  const kelvin = { ...azure[0], id: 'corner-kelvin', operationName: 'MICROSOFT.\u212aUBERNETES/CONNECTEDCLUSTERS/BATCH/CRONJOBS/WRITE' };
  const azureFile = path.join(dir, 'azure-corner.jsonl');
  fs.writeFileSync(azureFile, [...azure, kelvin].map((r) => JSON.stringify(r)).join('\n') + '\n');
  const trail = lines(FILES[0]!);
  const assumed = trail.find((r) => (r.userIdentity as Rec | undefined)?.type === 'AssumedRole')!;
  // Spaces between each key and its colon, as some exporters write.
  const spaced = JSON.stringify({ ...assumed, eventID: 'corner-spaced' }).replaceAll('":', '" :');
  const trailFile = path.join(dir, 'cloudtrail-corner.json');
  fs.writeFileSync(trailFile, [...trail.map((r) => JSON.stringify(r)), spaced].join('\n') + '\n');
  return [azureFile, trailFile];
}

function findings(store: CaseStore): string[] {
  const rows = store.withDb((db) => db.exec('SELECT rule, event_id FROM findings ORDER BY rule, event_id'))[0]?.values ?? [];
  return rows.map((r) => `${r[0]} ${r[1]}`);
}

test('fast (one or two threads) and reference detection paths agree on real corpus records, and the fast one parses fewer', async (t) => {
  const dir = tempDir();
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const casePath = path.join(dir, 'c.auditdesk');
  const engine = new Engine();
  await engine.openCase({ path: casePath, create: true });
  await engine.importFiles({ paths: [...FILES, ...cornerFiles(dir)] });
  engine.close();

  const store = await CaseStore.open(casePath);
  t.after(() => store.close());
  const rules = loadRules();
  const kelvinRule = rules.find((r) => r.file.endsWith('azure_kubernetes_cronjob.yml'));
  assert.ok(kelvinRule, 'the bundled cronjob rule');

  const refStats: DetectStats = { records: 0, parsed: 0, inWorker: 0 };
  const ref = await runDetect(store, rules, { reference: true, stats: refStats });
  const refRows = findings(store);
  const fastStats: DetectStats = { records: 0, parsed: 0, inWorker: 0 };
  const fast = await runDetect(store, rules, { stats: fastStats, parallelFrom: Infinity });
  const fastRows = findings(store);
  // The same with a worker thread taking batches: the case is small, so it is asked for.
  const twoStats: DetectStats = { records: 0, parsed: 0, inWorker: 0 };
  const two = await runDetect(store, rules, { stats: twoStats, parallelFrom: 0 });
  const twoRows = findings(store);

  assert.deepEqual({ ...fast, ranAt: '' }, { ...ref, ranAt: '' });
  assert.deepEqual(fastRows, refRows);
  assert.deepEqual({ ...two, ranAt: '' }, { ...ref, ranAt: '' });
  assert.deepEqual(twoRows, refRows);
  assert.ok(twoStats.inWorker > 0, 'the worker matched some batches');
  assert.equal(twoStats.parsed, fastStats.parsed);
  assert.equal(fastStats.inWorker, 0);
  const hits = (id: string) => ref.rules.find((r) => r.id === id)?.hits ?? 0;
  assert.equal(hits(kelvinRule.id), 1, 'the Kelvin-sign record matches the cronjob rule');
  assert.ok(hits(ASSUME_ROLE) > 1, 'AssumeRole matches, the spaced record too');
  assert.ok(refRows.length > 20, `${refRows.length} hits`);

  assert.equal(refStats.records, ref.events);
  assert.equal(refStats.parsed, refStats.records, 'the reference path parses every record');
  assert.equal(fastStats.records, ref.events);
  assert.ok(fastStats.parsed < fastStats.records / 2, `the fast path parsed ${fastStats.parsed} of ${fastStats.records}`);
});
