// Every real third-party file imports whole with the record count its manifest gives.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CORPUS_DIR } from '../helpers/paths';
import { freshEngine } from '../helpers/engine';

interface ManifestFile {
  file: string;
  records: number;
  fields: Record<string, string | null>;
}
const manifest = JSON.parse(fs.readFileSync(path.join(CORPUS_DIR, 'manifest.json'), 'utf8')) as { files: ManifestFile[] };
const valid = manifest.files.filter((f) => !f.file.includes('INVALID'));

test('the corpus has the files the manifest lists', () => {
  assert.ok(valid.length >= 30);
  for (const f of manifest.files) assert.ok(fs.existsSync(path.join(CORPUS_DIR, f.file)), f.file);
});

test('every valid corpus file imports with its manifest record count, no errors, and model fields filled', async () => {
  const { engine } = await freshEngine();
  const report = await engine.importFiles({ paths: valid.map((f) => path.join(CORPUS_DIR, f.file)) });
  assert.equal(report.files.length, valid.length);
  for (const [i, f] of valid.entries()) {
    const r = report.files[i];
    assert.deepEqual(r.errors, [], `${f.file}: ${JSON.stringify(r.errors)}`);
    assert.equal(r.imported, f.records, `${f.file}: imported`);
    assert.equal(r.duplicates, 0, `${f.file}: duplicates`);
    assert.notEqual(r.vendor, '', `${f.file}: vendor`);
    assert.notEqual(r.format, 'unknown', `${f.file}: format`);
    // Where the manifest names an actor/action path, most events of that source carry one.
    const { events } = await engine.queryEvents({ where: [{ field: 'source', op: 'eq', value: path.basename(f.file) }], limit: 1000 });
    assert.equal(events.length, f.records, `${f.file}: stored`);
    if (f.fields.action)
      assert.ok(
        events.some((e) => e.action),
        `${f.file}: some action`,
      );
    if (f.fields.actor)
      assert.ok(
        events.some((e) => e.actor),
        `${f.file}: some actor`,
      );
    if (f.fields.time)
      assert.ok(
        events.some((e) => e.time),
        `${f.file}: some time`,
      );
  }
  const info = await engine.caseInfo();
  assert.equal(
    info?.events,
    valid.reduce((n, f) => n + f.records, 0),
  );
  engine.close();
});

test('raw records are stored byte for byte, with provenance pointing at their bytes in the file', async () => {
  const { engine } = await freshEngine();
  const files = [
    'okta/elastic_okta_system_events.log',
    'auth0/sentinel_auth0am_cl_array.json',
    'alibaba_actiontrail/sentinel_alibaba_cloud_actiontrail_auditevent_ingestedlogs.csv',
    'atlassian_jira/demisto_jira_auditing_records_envelope.json',
  ];
  await engine.importFiles({ paths: files.map((f) => path.join(CORPUS_DIR, f)) });
  const { events } = await engine.queryEvents({ limit: 1000 });
  assert.ok(events.length > 30);
  for (const row of events) {
    const ev = await engine.getEvent({ id: row.id });
    assert.equal(ev.provenance.kind, 'file');
    if (ev.provenance.kind !== 'file') continue;
    const bytes = fs.readFileSync(ev.provenance.path);
    const slice = bytes.subarray(ev.provenance.offset, ev.provenance.offset + ev.provenance.length).toString('utf8');
    assert.equal(ev.raw, slice, `${ev.provenance.path} line ${ev.provenance.line}`);
    assert.match(ev.provenance.sha256, /^[0-9a-f]{64}$/);
    assert.ok(ev.provenance.line >= 1);
  }
  engine.close();
});

test('before/after come back with the event, from JSON records and CSV rows alike', async () => {
  const { engine, dir } = await freshEngine();
  const csv = path.join(dir, 'admin-export.csv');
  fs.writeFileSync(
    csv,
    'time,action,actor,actor_type,resource,metadata\n2026-03-01T10:00:00Z,project.updated,ann@example.com,human,project:prj_1,"{""before"":{""name"":""a""},""after"":{""name"":""b""}}"\n',
  );
  await engine.importFiles({ paths: [path.join(CORPUS_DIR, 'atlassian_jira/demisto_jira_auditing_records_envelope.json'), csv] });
  const { events } = await engine.queryEvents({ limit: 100 });
  const withDiff = events.filter((e) => e.hasDiff);
  assert.ok(withDiff.some((e) => e.vendor === 'jira') && withDiff.some((e) => e.source === 'admin-export.csv'), JSON.stringify(withDiff.map((e) => e.source)));
  for (const row of withDiff) {
    const ev = await engine.getEvent({ id: row.id });
    assert.ok(ev.before !== null || ev.after !== null, `${row.source}: before/after`);
  }
  const admin = await engine.getEvent({ id: withDiff.find((e) => e.source === 'admin-export.csv')!.id });
  assert.deepEqual([admin.before, admin.after], [{ name: 'a' }, { name: 'b' }]);
  engine.close();
});
