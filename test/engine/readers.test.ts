// The readers against real third-party exports: every corpus file yields exactly its manifest
// record count, with raw text and offsets that point back at the file's bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CORPUS_DIR } from '../helpers/paths';
import { readAll } from '../helpers/read-all';

interface ManifestEntry {
  file: string;
  records: number;
  record_path: string | null;
}

function loadManifest(): ManifestEntry[] {
  return (JSON.parse(fs.readFileSync(path.join(CORPUS_DIR, 'manifest.json'), 'utf8')) as { files: ManifestEntry[] }).files;
}

const INVALID = 'aws_cloudtrail/awslabs_SerializerTestFileBadJsonFormat_INVALID.json';

/** Data rows of a CSV without quoted line breaks (true of every corpus CSV). */
function csvLines(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l !== '');
}

for (const entry of loadManifest()) {
  if (entry.file === INVALID) continue;
  test(`corpus: ${entry.file}`, async () => {
    const file = path.join(CORPUS_DIR, entry.file);
    const bytes = fs.readFileSync(file);
    const { reader, records, errors } = await readAll(file);
    assert.deepEqual(errors, []);
    assert.equal(records.length, entry.records, `format ${reader.format}`);
    assert.equal(reader.gzip, false);
    assert.equal(reader.bytesTotal, bytes.length);
    for (const r of records) {
      assert.ok(bytes.subarray(r.offset, r.offset + r.length).equals(Buffer.from(r.raw)), `bytes at line ${r.line}`);
    }
    if (reader.format.startsWith('csv')) {
      const lines = csvLines(bytes.toString('utf8'));
      const data = reader.format === 'csv' ? lines.slice(1) : lines;
      assert.deepEqual(
        records.map((r) => r.raw),
        data,
      );
      assert.deepEqual(
        records.map((r) => r.line),
        data.map((_, i) => i + 1 + (reader.format === 'csv' ? 1 : 0)),
      );
    } else {
      for (const r of records) assert.deepEqual(JSON.parse(r.raw), r.value);
    }
    if (entry.record_path) assert.equal(reader.format, `json-envelope:${entry.record_path}`);
  });
}

test('corpus formats are detected by content, not by extension', async () => {
  const expect: Record<string, string> = {
    'aws_cloudtrail/ec2_proxy_s3_exfiltration_2020-09-14011940.json': 'jsonl',
    'auth0/sentinel_auth0am_cl_array.json': 'json-array',
    'box/elastic_box_rename.log': 'json-object',
    'slack/demisto_slack_audit_mock_event.json': 'json-object',
    'kubernetes/falco_modify_cluster_role_node_problem_detector.json': 'json-object',
    'google_workspace/elastic_gws_admin_updated.log': 'jsonl',
    'atlassian_jira/demisto_jira_auditing_records_envelope.json': 'json-envelope:records',
    'bitwarden/sentinel_bitwarden_eventlogs_rawlogs_envelope.json': 'json-envelope:data',
    'dropbox/demisto_dropbox_team_log_events_envelope.json': 'json-envelope:events',
    'zoom/elastic_zoom_webhook_user_events_envelope.json': 'json-envelope:events',
    'bitwarden/sentinel_bitwarden_eventlogs_ingestedlogs.csv': 'csv',
    'atlassian_bitbucket/plaso_atlassian-bitbucket-audit.log': 'csv-noheader',
  };
  for (const [file, format] of Object.entries(expect)) {
    const { reader } = await readAll(path.join(CORPUS_DIR, file));
    assert.equal(reader.format, format, file);
  }
});

test('bitbucket " | " log: 8 numbered columns, JSON details parsed, "-" kept', async () => {
  const { reader, records } = await readAll(path.join(CORPUS_DIR, 'atlassian_bitbucket/plaso_atlassian-bitbucket-audit.log'));
  assert.deepEqual(reader.notes, ['no header row: columns numbered col1..col8']);
  assert.deepEqual(Object.keys(records[0].value), ['col1', 'col2', 'col3', 'col4', 'col5', 'col6', 'col7', 'col8']);
  assert.equal(records[0].value.col1, '0:0:0:0:0:0:0:1');
  assert.deepEqual(records[0].value.col6, { id: 1, value: 'refs/heads/random-cleanups', users: ['user'] });
  assert.equal(records[2].value.col1, '63.246.22.199,172.16.1.187');
  assert.deepEqual(records[2].value.col6, { id: 2, name: 'my-repo', project: { key: 'myproject' } });
  assert.equal(records[3].value.col6, '-');
  assert.equal(records[4].value.col3, '-');
});

test('CSV cells: JSON objects parsed, Python dict literals kept as text', async () => {
  const ali = await readAll(path.join(CORPUS_DIR, 'alibaba_actiontrail/sentinel_alibaba_cloud_actiontrail_auditevent_ingestedlogs.csv'));
  const first = ali.records[0].value;
  assert.equal((first.userIdentity as Record<string, unknown>).userName, 'svc-user-1');
  assert.deepEqual(first.additionalEventData, {});
  assert.equal(first.requestParameterJson, '');
  const honey = await readAll(path.join(CORPUS_DIR, 'aws_s3_honeybucket/AWS_S3_HoneyBucketLogs.csv'));
  const uid = honey.records[0].value['User ID'];
  assert.equal(typeof uid, 'string');
  assert.match(uid as string, /^\{'type': 'AWSAccount'/);
});

test('bitwarden CSV: header columns kept, trailing empty column is a value', async () => {
  const { records } = await readAll(path.join(CORPUS_DIR, 'bitwarden/sentinel_bitwarden_eventlogs_ingestedlogs.csv'));
  assert.equal(Object.keys(records[0].value).length, 14);
  assert.equal(records[0].value['TimeGenerated [UTC]'], '5/12/2024, 10:39:53.540 AM');
  assert.equal(records[0].value._ResourceId, '');
});

test('damaged CloudTrail envelope: error names the line, later element still read', async () => {
  const file = path.join(CORPUS_DIR, INVALID);
  const bytes = fs.readFileSync(file);
  const { reader, records, errors } = await readAll(file);
  assert.equal(reader.format, 'json-envelope:Records');
  assert.equal(errors.length, 1);
  assert.equal(errors[0].line, 37);
  assert.match(errors[0].message, /^invalid JSON: .*element starting at line 3/);
  // The first element lost its closing brace; the second one is intact and is returned.
  assert.equal(records.length, 1);
  assert.equal(records[0].line, 37);
  assert.equal(records[0].value.eventName, 'eventName2');
  assert.ok(bytes.subarray(records[0].offset, records[0].offset + records[0].length).equals(Buffer.from(records[0].raw)));
});
