// The CLI as a user runs it: the built bin, --json documents, exit codes.
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import net from 'node:net';
import { spawnSync } from 'node:child_process';
import { CORPUS_DIR, REPO_ROOT, tempDir } from '../helpers/paths';
import { cli } from '../helpers/cli';

const okta = path.join(CORPUS_DIR, 'okta/elastic_okta_system_events.log');
const jira = path.join(CORPUS_DIR, 'atlassian_jira/demisto_jira_auditing_records_envelope.json');

test('import --json prints one document per the contract and exits 0 when every file imported whole', () => {
  const casePath = path.join(tempDir(), 'c.auditdesk');
  const r = cli(['import', casePath, okta, jira, '--json']);
  assert.equal(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout) as { files: Record<string, unknown>[] };
  assert.equal(doc.files.length, 2);
  for (const f of doc.files) {
    assert.deepEqual(
      Object.keys(f)
        .filter((k) => ['path', 'format', 'vendor', 'imported', 'duplicates', 'skipped', 'errors', 'warnings'].includes(k))
        .sort(),
      ['duplicates', 'errors', 'format', 'imported', 'path', 'skipped', 'vendor', 'warnings'],
    );
  }
  assert.equal(doc.files[0].imported, 20);
  assert.equal(doc.files[1].imported, 3);
  assert.equal(doc.files[0].path, okta);
  assert.ok(fs.existsSync(path.join(casePath, 'case.sqlite')));
});

test('import exits 1 when rows were rejected, and still stores the valid rows', () => {
  const dir = tempDir();
  const casePath = path.join(dir, 'c.auditdesk');
  const bad = path.join(dir, 'bad.jsonl');
  fs.writeFileSync(
    bad,
    '{"id":"1","timestamp":"2026-01-01T00:00:00Z","action":"a.b"}\nnot json\n{"id":"2","timestamp":"2026-01-01T00:00:01Z","action":"a.c"}\n',
  );
  const r = cli(['import', casePath, bad, '--json']);
  assert.equal(r.code, 1);
  const f = (JSON.parse(r.stdout) as { files: { imported: number; skipped: number; errors: { line: number; message: string }[] }[] }).files[0];
  assert.equal(f.imported, 2);
  assert.equal(f.skipped, 1);
  assert.equal(f.errors[0].line, 2);
  const info = JSON.parse(cli(['info', casePath, '--json']).stdout) as { events: number; sources: unknown[] };
  assert.equal(info.events, 2);
  assert.equal(info.sources.length, 1);
});

test('usage errors exit 2 with a message', () => {
  assert.equal(cli([]).code, 2);
  const r = cli(['query', path.join(tempDir(), 'x.auditdesk'), '--limit', 'many']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--limit takes a whole number/);
  const w = cli(['query', 'x.auditdesk', '--where', 'colour=red']);
  assert.equal(w.code, 2);
  assert.match(w.stderr, /unknown field "colour"/);
  assert.equal(cli(['frobnicate', 'x']).code, 2);
  assert.equal(cli(['import', path.join(tempDir(), 'y.auditdesk')]).code, 2);
});

test('serve on a port already in use says so, names the port and how to pick another, and exits 1', async () => {
  const holder = net.createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  const port = (holder.address() as net.AddressInfo).port;
  try {
    // The port is held in the kernel, so a blocking run of the CLI still finds it taken.
    const r = cli(['serve', path.join(tempDir(), 'busy.auditdesk'), '--port', String(port)]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use`));
    assert.match(r.stderr, /--port N/);
    assert.match(r.stderr, /PORT=N npm start/);
  } finally {
    holder.close();
  }
});

test('npm start --help prints its usage (case, PORT, the fallback to a browser) and starts nothing', () => {
  const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'start.mjs'), '--help'], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^Usage: npm start \[-- CASE\]/);
  assert.match(r.stdout, /PORT/);
  assert.match(r.stdout, /127\.0\.0\.1/);
  assert.doesNotMatch(r.stdout, /serving/i);
});

test('query --json filters by field, text and time, pages, and prints the event model', () => {
  const casePath = path.join(tempDir(), 'q.auditdesk');
  assert.equal(cli(['import', casePath, okta, jira, '--json']).code, 0);
  const all = JSON.parse(cli(['query', casePath, '--json', '--limit', '1000']).stdout) as { total: number; events: Record<string, unknown>[] };
  assert.equal(all.total, 23);
  const times = all.events.map((e) => e.time as string | null).filter(Boolean) as string[];
  assert.deepEqual([...times].sort(), times, 'sorted by time');
  const e = all.events[0];
  for (const k of [
    'id',
    'eventId',
    'time',
    'timeOriginal',
    'vendor',
    'source',
    'actor',
    'actorType',
    'action',
    'targetType',
    'targetId',
    'outcome',
    'requestId',
    'ip',
    'userAgent',
    'before',
    'after',
    'raw',
    'provenance',
  ]) {
    assert.ok(k in e, `event has ${k}`);
  }
  const vendorOkta = JSON.parse(cli(['query', casePath, '--json', '--where', 'vendor=okta']).stdout) as { total: number };
  assert.equal(vendorOkta.total, 20);
  const action = all.events.find((x) => x.vendor === 'okta' && x.action)!.action as string;
  const byAction = JSON.parse(cli(['query', casePath, '--json', '--where', `action=${action}`]).stdout) as { total: number; events: { action: string }[] };
  assert.ok(byAction.total >= 1);
  assert.ok(byAction.events.every((x) => x.action === action));
  const page = JSON.parse(cli(['query', casePath, '--json', '--limit', '5', '--offset', '5']).stdout) as { events: { id: string }[] };
  assert.deepEqual(
    page.events.map((x) => x.id),
    all.events.slice(5, 10).map((x) => x.id),
  );
  const first = times[0];
  const later = JSON.parse(cli(['query', casePath, '--json', '--from', times[5], '--limit', '1000']).stdout) as { total: number; events: { time: string }[] };
  assert.ok(later.total < all.total && later.events.every((x) => x.time >= times[5] && x.time > first));
  const text = JSON.parse(cli(['query', casePath, '--json', '--text', String(e.actor).slice(0, 6)]).stdout) as { total: number };
  assert.ok(text.total >= 1);
});

test('info on a folder that is not a case fails clearly', () => {
  const r = cli(['info', path.join(tempDir(), 'nothing.auditdesk'), '--json']);
  assert.equal(r.code, 1);
  assert.match(JSON.parse(r.stdout).error, /no case at/);
});
