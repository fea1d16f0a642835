// Source names come from a library of audit-format signatures (data, checked by a schema), never
// from the file's name; the user may rename a source's vendor, and the rename is saved with its
// mapping while the recognised format keeps driving how records are read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CORPUS_DIR, tempDir } from '../helpers/paths';
import { freshEngine } from '../helpers/engine';
import { SIGNATURES, loadSignatures } from '../../src/main/engine/mapping/signatures/index';

test('the signature library loads, names a product for each format, and rejects a bad entry by name', () => {
  assert.ok(SIGNATURES.length >= 20);
  for (const s of SIGNATURES) assert.ok(s.product.length > 0, s.id);
  const good = SIGNATURES[0]!;
  assert.throws(
    () => loadSignatures({ signatures: [{ id: 'x', detect: { all: [{ paths: ['a'] }] } }] }),
    /signatures\.json: \/signatures\/0 must have required property 'product'/,
  );
  assert.throws(
    () => loadSignatures({ signatures: [{ ...good, id: 'broken', detect: { all: [{ paths: ['a'], pattern: '(' }] } }] }),
    /signature broken: bad pattern "\("/,
  );
  assert.throws(() => loadSignatures({ signatures: [good, good] }), new RegExp(`signature ${good.id}: id used twice`));
});

test('imported files are named by what their records are, not by the file name', async () => {
  const dir = tempDir();
  const cases: [string, string][] = [
    ['aws_s3_honeybucket/AWS_S3_HoneyBucketLogs.csv', 'aws'],
    ['kubernetes/falco_modify_cluster_role_node_problem_detector.json', 'kubernetes'],
    ['okta/elastic_okta_system_events.log', 'okta'],
    ['bitwarden/sentinel_bitwarden_eventlogs_ingestedlogs.csv', 'bitwarden'],
    ['gcp_audit/plaso_gcp_logging.jsonl', 'gcp'],
    ['entra_id_signin/elastic_azure_signinlogs_raw.log', 'entra-id'],
  ];
  const paths = cases.map(([file], i) => {
    const p = path.join(dir, `export-${i}${path.extname(file)}`);
    fs.copyFileSync(path.join(CORPUS_DIR, file), p);
    return p;
  });
  const { engine } = await freshEngine();
  const report = await engine.importFiles({ paths });
  report.files.forEach((r, i) => assert.equal(r.vendor, cases[i]![1], cases[i]![0]));
  engine.close();
});

test('a renamed vendor is saved with the mapping; the format still decides how records read', async () => {
  const { engine } = await freshEngine();
  const file = path.join(CORPUS_DIR, 'aws_cloudtrail/awslabs_SerializerTestFile_records_envelope.json');
  const report = await engine.importFiles({ paths: [file] });
  const sourceId = report.files[0]!.sourceId!;
  const review = await engine.getMapping({ sourceId });
  assert.equal(review.mapping.vendor, 'aws');
  assert.equal(review.mapping.signature, 'aws');
  const info = await engine.saveMapping({
    sourceId,
    mapping: { ...review.mapping, vendor: 'Prod CloudTrail' },
    reapply: true,
  });
  assert.equal(info.sources.find((s) => s.id === sourceId)?.vendor, 'Prod CloudTrail');
  const again = await engine.getMapping({ sourceId });
  assert.equal(again.mapping.vendor, 'Prod CloudTrail');
  assert.equal(again.mapping.signature, 'aws');
  const { events } = await engine.queryEvents({ limit: 100 });
  assert.ok(events.length > 0);
  for (const e of events) {
    assert.equal(e.vendor, 'Prod CloudTrail');
    assert.equal(e.outcome, 'failure', 'errorCode present: still read as CloudTrail');
  }
  engine.close();
});
