// The rules of done for import: duplicates, bad input, nothing stored is lost or changed.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { CORPUS_DIR } from '../helpers/paths';
import { freshEngine, writeFile } from '../helpers/engine';
import { Engine } from '../../src/main/engine/engine';
import type { AuditEvent } from '../../src/shared/event';

const okta = path.join(CORPUS_DIR, 'okta/elastic_okta_system_events.log');

async function snapshot(engine: Engine): Promise<AuditEvent[]> {
  const { events } = await engine.queryEvents({ limit: 10_000 });
  return Promise.all(events.map((e) => engine.getEvent({ id: e.id })));
}

test('re-importing a file already in the case adds nothing and says so', async () => {
  const { engine } = await freshEngine();
  const first = await engine.importFiles({ paths: [okta] });
  assert.equal(first.files[0].imported, 20);
  const again = await engine.importFiles({ paths: [okta] });
  assert.equal(again.files[0].imported, 0);
  assert.equal(again.files[0].alreadyImported, true);
  assert.equal(again.files[0].duplicates, 20);
  assert.match(again.files[0].warnings[0].message, /already in this case/);
  assert.equal((await engine.caseInfo())?.events, 20);
  engine.close();
});

test('a copy of the same records under another name is de-duplicated record by record', async () => {
  const { engine, dir } = await freshEngine();
  await engine.importFiles({ paths: [okta] });
  const lines = fs.readFileSync(okta, 'utf8').split('\n').filter(Boolean);
  const extra = JSON.stringify({
    uuid: 'new-1',
    published: '2024-01-01T00:00:00Z',
    eventType: 'user.session.start',
    actor: { alternateId: 'new@example.com' },
  });
  const copy = writeFile(dir, 'okta-copy.jsonl', `${[...lines.slice(0, 5), extra].join('\n')}\n`);
  const r = await engine.importFiles({ paths: [copy] });
  assert.equal(r.files[0].imported, 1);
  // okta's file repeats some lines; the first five hold 5 records, all already stored.
  assert.equal(r.files[0].duplicates, 5);
  assert.equal((await engine.caseInfo())?.events, 21);
  engine.close();
});

test('records with the same vendor id but different content are both kept and flagged', async () => {
  const { engine } = await freshEngine();
  const r = await engine.importFiles({ paths: [path.join(CORPUS_DIR, '1password/elastic_1password_auditevents.json')] });
  assert.equal(r.files[0].imported, 2);
  assert.ok(
    r.files[0].warnings.some((w) => /same .* event id .* different content/.test(w.message)),
    JSON.stringify(r.files[0].warnings),
  );
  const { events } = await engine.queryEvents({});
  assert.equal(events.length, 2);
  assert.equal(events.filter((e) => e.flags.some((f) => /different content/.test(f))).length, 1);
  engine.close();
});

interface BadCase {
  name: string;
  content: string | Buffer;
  good: number;
  message: RegExp;
  line?: number;
}

const TEN_MB = 'x'.repeat(10 * 1024 * 1024);
const rec = (i: number) =>
  JSON.stringify({ id: `e${i}`, timestamp: `2026-03-0${1 + (i % 8)}T10:00:00Z`, actor: `user${i}@example.com`, action: 'item.updated' });

const BAD: BadCase[] = [
  {
    name: 'truncated.json',
    content: `[${rec(1)},\n${rec(2)},\n{"id":"e3","timestamp":"2026-03-01T1`,
    good: 2,
    message: /truncated|unexpected end|invalid JSON|unterminated/i,
    line: 3,
  },
  { name: 'badline.jsonl', content: `${rec(1)}\n${rec(2)}\n{"id": "broken",\n${rec(4)}\n`, good: 3, message: /invalid JSON/i, line: 3 },
  {
    name: 'ragged.csv',
    content:
      'id,timestamp,actor,action\ne1,2026-03-01T10:00:00Z,a@example.com,x.created\ne2,2026-03-01T11:00:00Z,b@example.com\ne3,2026-03-01T12:00:00Z,c@example.com,x.deleted\n',
    good: 2,
    message: /fields/i,
    line: 3,
  },
  { name: 'empty.json', content: '', good: 0, message: /empty/i },
  { name: 'binary.log', content: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3, 0, 0, 0xff, 0xfe]), good: 0, message: /binary/i },
];

for (const bad of BAD) {
  test(`bad input ${bad.name}: a clear message naming file and line, valid rows imported, nothing stored changed`, async () => {
    const { engine, dir } = await freshEngine();
    await engine.importFiles({ paths: [okta] });
    const before = await snapshot(engine);
    const file = writeFile(dir, bad.name, bad.content);
    const r = await engine.importFiles({ paths: [file] });
    const f = r.files[0];
    assert.equal(f.imported, bad.good, JSON.stringify(f));
    assert.ok(f.errors.length >= 1, 'an error is reported');
    const msg = f.errors.map((e) => e.message).join(' | ');
    assert.match(msg, bad.message);
    if (bad.line)
      assert.ok(
        f.errors.some((e) => e.line === bad.line),
        `line ${bad.line} named: ${JSON.stringify(f.errors)}`,
      );
    else assert.match(msg, new RegExp(bad.name.replace('.', '\\.')), 'the file is named');
    const after = await snapshot(engine);
    assert.deepEqual(
      after.slice(0, before.length).map((e) => e.raw),
      before.map((e) => e.raw),
    );
    assert.equal((await engine.caseInfo())?.events, before.length + bad.good);
    engine.close();
  });
}

test('a record with a 10 MB field imports whole', async () => {
  const { engine, dir } = await freshEngine();
  const big = JSON.stringify({ id: 'big', timestamp: '2026-03-01T10:00:00Z', actor: 'a@example.com', action: 'blob.uploaded', blob: TEN_MB });
  const file = writeFile(dir, 'big.jsonl', `${rec(1)}\n${big}\n${rec(3)}\n`);
  const r = await engine.importFiles({ paths: [file] });
  assert.equal(r.files[0].imported, 3);
  const { events } = await engine.queryEvents({ where: [{ field: 'eventId', op: 'eq', value: 'big' }] });
  const full = await engine.getEvent({ id: events[0].id });
  assert.equal(full.raw, big);
  engine.close();
});

test('gzipped files are accepted by content, whatever their name', async () => {
  const { engine, dir } = await freshEngine();
  const file = writeFile(dir, 'export.txt', zlib.gzipSync(`${rec(1)}\n${rec(2)}\n`));
  const r = await engine.importFiles({ paths: [file] });
  assert.equal(r.files[0].imported, 2);
  assert.match(r.files[0].format, /gzip/);
  engine.close();
});

test('times: epoch s/ms/ns, ISO with and without offset, and zone-less times are read and flagged honestly', async () => {
  const { engine, dir } = await freshEngine();
  const rows = [
    { id: 'a', time: 1772359200, action: 'x.a', actor: 'u@example.com' },
    { id: 'b', time: 1772359200000, action: 'x.b', actor: 'u@example.com' },
    { id: 'c', time: '1772359200000000000', action: 'x.c', actor: 'u@example.com' },
    { id: 'd', time: '2026-03-01T11:00:00+01:00', action: 'x.d', actor: 'u@example.com' },
    { id: 'e', time: '2026-03-01T10:00:00Z', action: 'x.e', actor: 'u@example.com' },
    { id: 'f', time: '2026-03-01 10:00:00', action: 'x.f', actor: 'u@example.com' },
  ];
  const file = writeFile(dir, 'times.jsonl', rows.map((r) => JSON.stringify(r)).join('\n'));
  const r = await engine.importFiles({ paths: [file] });
  assert.equal(r.files[0].imported, 6);
  const { events } = await engine.queryEvents({ limit: 10 });
  for (const e of events) assert.equal(e.time, '2026-03-01T10:00:00.000Z', `${e.eventId}: ${e.timeOriginal}`);
  const byId = Object.fromEntries(events.map((e) => [e.eventId, e]));
  assert.equal(byId.d.timeOriginal, '2026-03-01T11:00:00+01:00');
  assert.equal(byId.f.timeFlag, 'no-zone');
  assert.equal(byId.e.timeFlag, null);
  assert.ok(r.files[0].warnings.some((w) => w.line === 6 && /no zone/.test(w.message)));
  engine.close();
});

test('a saved case reopens with the same events; an interrupted import leaves it as it was', async () => {
  const { engine, casePath, dir } = await freshEngine();
  await engine.importFiles({ paths: [okta, path.join(CORPUS_DIR, 'gcp_audit/plaso_gcp_logging.jsonl')] });
  const before = await snapshot(engine);
  engine.close();
  // An import that dies half-way leaves bytes after the committed end of the raw segment.
  fs.appendFileSync(path.join(casePath, 'raw.seg'), Buffer.alloc(1000, 7));
  const reopened = new Engine();
  const info = await reopened.openCase({ path: casePath });
  assert.equal(info.events, 31);
  assert.deepEqual(
    (await snapshot(reopened)).map((e) => [e.id, e.raw, e.time, e.actor]),
    before.map((e) => [e.id, e.raw, e.time, e.actor]),
  );
  const more = await reopened.importFiles({ paths: [writeFile(dir, 'one.jsonl', rec(9))] });
  assert.equal(more.files[0].imported, 1);
  const last = await reopened.getEvent({ id: (await reopened.queryEvents({ where: [{ field: 'eventId', op: 'eq', value: 'e9' }] })).events[0].id });
  assert.equal(last.raw, rec(9));
  reopened.close();
});

test('cancelling an import rolls it back and keeps what was stored', async () => {
  const { engine, dir } = await freshEngine();
  await engine.importFiles({ paths: [okta] });
  const lines: string[] = [];
  for (let i = 0; i < 60_000; i++) lines.push(rec(i));
  const big = writeFile(dir, 'many.jsonl', lines.join('\n'));
  const pending = engine.importFiles({ paths: [big], jobId: 'job-x' });
  await new Promise((r) => setTimeout(r, 30));
  assert.deepEqual(await engine.cancelJob({ jobId: 'job-x' }), { cancelled: true });
  const r = await pending;
  assert.equal(r.cancelled, true);
  assert.equal((await engine.caseInfo())?.events, 20);
  assert.equal((await engine.caseInfo())?.sources.length, 1);
  engine.close();
});

test('import reports progress events while it runs', async () => {
  const { engine, dir, events } = await freshEngine();
  const lines: string[] = [];
  for (let i = 0; i < 30_000; i++) lines.push(rec(i));
  const file = writeFile(dir, 'progress.jsonl', lines.join('\n'));
  await engine.importFiles({ paths: [file] });
  const progress = events.filter((e) => e.type === 'progress');
  assert.ok(progress.length >= 2);
  const last = progress.filter((e) => e.type === 'progress' && e.progress.file.endsWith('progress.jsonl')).at(-1);
  assert.ok(last && last.type === 'progress' && last.progress.events === 30_000);
  engine.close();
});

test('a time column whose name declares UTC is read as UTC without a no-zone flag', async () => {
  const { engine } = await freshEngine();
  const r = await engine.importFiles({ paths: [path.join(CORPUS_DIR, 'bitwarden/sentinel_bitwarden_eventlogs_ingestedlogs.csv')] });
  assert.equal(r.files[0].imported, 30);
  assert.ok(!r.files[0].warnings.some((w) => /no zone/.test(w.message)), JSON.stringify(r.files[0].warnings.slice(0, 2)));
  const { events } = await engine.queryEvents({ limit: 100 });
  const first = events.find((e) => e.timeOriginal === '5/12/2024, 10:39:53.540 AM');
  assert.equal(first?.time, '2024-05-12T10:39:53.540Z');
  assert.equal(first?.timeFlag, null);
  engine.close();
});

test('queries are answered while a large import is still running', async () => {
  const { engine, dir } = await freshEngine();
  await engine.importFiles({ paths: [okta] });
  const lines: string[] = [];
  for (let i = 0; i < 150_000; i++) lines.push(rec(i));
  const big = writeFile(dir, 'large.jsonl', lines.join('\n'));
  let importDone = false;
  const pending = engine.importFiles({ paths: [big] }).then((r) => {
    importDone = true;
    return r;
  });
  await new Promise((r) => setTimeout(r, 400));
  const page = await engine.queryEvents({ limit: 5 });
  assert.equal(importDone, false, 'the import was still running when the query was answered');
  assert.ok(page.total >= 20);
  assert.equal((await pending).files[0].imported, 150_000);
  engine.close();
});
