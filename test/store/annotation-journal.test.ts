// Annotations and saved views are saved by appending to annotations.jsonl, not by rewriting
// case.sqlite: replayed on open, seen by another process, folded into case.sqlite at the next full
// save (never applied twice), and a line cut short by a crash is set aside with a warning.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { freshEngine } from '../helpers/engine';
import { cli } from '../helpers/cli';
import { writeMultiVendorCase } from '../investigate/multi-vendor';
import { Engine } from '../../src/main/engine/engine';
import { CaseStore, DB_FILE } from '../../src/main/engine/store/case-store';
import { annotate } from '../../src/main/engine/investigate/annotations';
import { saveView } from '../../src/main/engine/views/saved-views';
import { SUM_FILE } from '../../src/main/engine/store/db-checksum';
import { JOURNAL_FILE, journalLine } from '../../src/main/engine/store/annotation-journal';
import { loadSqlJs } from '../../src/main/engine/store/sqljs';
import type { ViewState } from '../../src/shared/views';

const VIEW = { filters: { tag: 'exfil', bookmarked: true }, hiddenColumns: [] } as unknown as ViewState;

function fileStamp(file: string): string {
  const st = fs.statSync(file);
  return `${st.ino}:${st.size}:${st.mtimeMs}:${fs.readFileSync(file).toString('base64').length}`;
}

function journalLines(casePath: string): string[] {
  return fs.readFileSync(path.join(casePath, JOURNAL_FILE), 'utf8').split('\n').filter(Boolean);
}

async function metaSeq(casePath: string): Promise<string | null> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database(fs.readFileSync(path.join(casePath, DB_FILE)));
  try {
    const v = db.exec("SELECT value FROM meta WHERE key = 'journal_seq'")[0]?.values[0]?.[0];
    return v == null ? null : String(v);
  } finally {
    db.close();
  }
}

async function annotatedCase() {
  const { engine, dir, casePath } = await freshEngine();
  const { files } = writeMultiVendorCase(dir, 30);
  await engine.importFiles({ paths: files.slice(0, 3) });
  const [a, b, c] = (await engine.queryEvents({ limit: 3 })).events.map((e) => e.id);
  return { engine, dir, casePath, files, a, b, c };
}

const ids = async (engine: Engine, q: object) => (await engine.queryEvents({ ...q, limit: 100 })).events.map((e) => e.id).sort();

test('annotating and saving views never rewrite case.sqlite; they survive reopening and filter queries', async () => {
  const { engine, casePath, a, b, c } = await annotatedCase();
  const db = path.join(casePath, DB_FILE);
  const sum = path.join(casePath, SUM_FILE);
  const before = [fileStamp(db), fileStamp(sum)];

  await engine.annotate({ id: a, bookmarked: true, addTags: ['exfil'] });
  await engine.annotate({ id: b, addTags: ['exfil', 'lateral'], note: 'first seen' });
  await engine.annotate({ id: c, note: 'check' });
  await engine.annotate({ id: c, bookmarked: false }); // no change: nothing written
  await engine.saveView({ name: 'exfil', state: VIEW });
  await engine.saveView({ name: 'tmp', state: VIEW });
  await engine.renameView({ from: 'tmp', to: 'later' });
  await engine.deleteView({ name: 'exfil' });
  assert.equal(journalLines(casePath).length, 7, 'one line per change that changed something');
  engine.close();
  assert.deepEqual([fileStamp(db), fileStamp(sum)], before, 'case.sqlite and its sum are as they were (same inode, size, time, bytes)');

  for (const columns of ['1', '0']) {
    process.env.AD_COLUMNS = columns;
    const again = new Engine();
    try {
      const info = await again.openCase({ path: casePath });
      assert.equal(info.warnings, undefined);
      assert.deepEqual(await ids(again, { tag: 'exfil' }), [a, b].sort());
      assert.deepEqual(await ids(again, { bookmarked: true }), [a]);
      assert.deepEqual(await ids(again, { noted: true }), [b, c].sort());
      assert.equal((await again.summarize({ tag: 'lateral' })).total, 1);
      const list = await again.listAnnotations({});
      assert.deepEqual(
        list.events.map((e) => e.id),
        [c, b, a],
        'most recently annotated first, as saved',
      );
      assert.deepEqual(list.tags, [
        { tag: 'exfil', count: 2 },
        { tag: 'lateral', count: 1 },
      ]);
      assert.deepEqual(await again.annotations({ id: b }), { id: b, bookmarked: false, tags: ['exfil', 'lateral'], note: 'first seen' });
      assert.deepEqual(
        (await again.listViews()).map((v) => v.name),
        ['later'],
      );
    } finally {
      again.close();
      delete process.env.AD_COLUMNS;
    }
  }
  assert.deepEqual([fileStamp(db), fileStamp(sum)], before, 'reading the case changed nothing either');
});

test('a line cut short by a crash is set aside with a warning; the lines before it apply; the next save goes on after them', async () => {
  const { engine, casePath, a, b, c } = await annotatedCase();
  await engine.annotate({ id: a, addTags: ['ioc'] });
  await engine.annotate({ id: b, addTags: ['ioc'] });
  engine.close();
  const file = path.join(casePath, JOURNAL_FILE);
  // The third change was being written when the process died: half a line, no newline.
  const torn = journalLine(3, { k: 'e', id: Number(c), b: '2026-01-01T00:00:00.000Z', t: [['ioc', '2026-01-01T00:00:00.000Z']], n: null });
  fs.appendFileSync(file, torn.subarray(0, torn.length >> 1));

  const q = cli(['query', casePath, '--tag', 'ioc', '--json']);
  assert.equal(q.code, 0, q.stderr);
  assert.deepEqual((JSON.parse(q.stdout) as { events: { id: string }[] }).events.map((e) => e.id).sort(), [a, b].sort());
  assert.match(
    q.stderr,
    /warning: annotations\.jsonl line 3 is incomplete \(a save cut short by a crash\): that change is not applied \(the 2 lines before it are\)/,
  );
  const info = JSON.parse(cli(['info', casePath, '--json']).stdout) as { warnings?: string[] };
  assert.equal(info.warnings?.length, 1);

  // The next annotation cuts the unfinished line off and starts on a line of its own.
  const r = cli(['annotate', casePath, c, '--tag', 'ioc']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(journalLines(casePath).length, 3);
  const after = cli(['query', casePath, '--tag', 'ioc', '--json']);
  assert.equal(after.stderr, '', 'no warning once the line is gone');
  assert.deepEqual((JSON.parse(after.stdout) as { events: { id: string }[] }).events.map((e) => e.id).sort(), [a, b, c].sort());
  assert.equal((JSON.parse(cli(['query', casePath, '--bookmarked', '--json']).stdout) as { total: number }).total, 0, 'nothing of the torn line was applied');

  // A damaged line inside the file (flipped bytes) is named and skipped; the others still apply.
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  lines[1] = lines[1].replace('"ioc"', '"iod"');
  fs.writeFileSync(file, lines.join('\n'));
  const damaged = cli(['query', casePath, '--tag', 'ioc', '--json']);
  assert.match(damaged.stderr, /annotations\.jsonl line 2: its checksum does not match \(damaged\); that change is not applied \(the others are\)/);
  assert.deepEqual((JSON.parse(damaged.stdout) as { events: { id: string }[] }).events.map((e) => e.id).sort(), [a, c].sort());
});

test('another process that has the case open sees the annotations and views saved by this one, and the other way round', async () => {
  const { engine, casePath, files, a, b } = await annotatedCase();
  assert.deepEqual(await ids(engine, { tag: 'from-cli' }), []);

  const r = cli(['annotate', casePath, a, '--tag', 'from-cli', '--note', 'seen by the CLI']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(await ids(engine, { tag: 'from-cli' }), [a], 'the open engine sees the CLI annotation');
  assert.deepEqual(await ids(engine, { noted: true }), [a]);
  assert.deepEqual(
    (await engine.listAnnotations({})).events.map((e) => e.id),
    [a],
  );

  // This process may annotate right after (no "changed by another process"), keeping the CLI's.
  await engine.annotate({ id: b, addTags: ['from-cli'] });
  await engine.saveView({ name: 'shared', state: VIEW });
  const q = JSON.parse(cli(['query', casePath, '--tag', 'from-cli', '--json']).stdout) as { events: { id: string }[] };
  assert.deepEqual(q.events.map((e) => e.id).sort(), [a, b].sort());
  assert.match(cli(['views', casePath]).stdout, /^shared\t/m);

  // A full save by the CLI (an import) replaces case.sqlite: this copy is stale as a whole, as before.
  assert.equal(cli(['import', casePath, files[3]]).code, 0);
  await assert.rejects(engine.annotate({ id: a, bookmarked: true }), /changed by another AuditDesk process/);
  engine.close();
});

test('a full save folds the journal into case.sqlite; lines it folded are never applied again', async () => {
  const { engine, casePath, files, a, b } = await annotatedCase();
  await engine.annotate({ id: a, bookmarked: true, addTags: ['x'] });
  const file = path.join(casePath, JOURNAL_FILE);
  // What the journal held before the next change: left behind, as by a crash before its removal.
  const early = fs.readFileSync(file);
  await engine.annotate({ id: a, bookmarked: false });
  await engine.annotate({ id: b, note: 'kept' });
  await engine.saveView({ name: 'v', state: VIEW });
  assert.equal(journalLines(casePath).length, 4);

  await engine.importFiles({ paths: [files[3]] });
  assert.ok(!fs.existsSync(file), 'folded: the journal is gone');
  assert.equal(await metaSeq(casePath), '4');
  engine.close();

  fs.writeFileSync(file, early);
  const again = new Engine();
  await again.openCase({ path: casePath });
  assert.deepEqual(await again.annotations({ id: a }), { id: a, bookmarked: false, tags: ['x'], note: null }, 'the folded bookmark removal stands');
  assert.equal((await again.listAnnotations({})).total, 2);
  assert.deepEqual(
    (await again.listViews()).map((v) => v.name),
    ['v'],
  );
  // Sequence numbers go on after the folded ones: this change applies on the next open.
  await again.annotate({ id: b, addTags: ['later'] });
  again.close();
  assert.match(journalLines(casePath).at(-1)!, /"rec":\{"s":5,/);
  const third = new Engine();
  await third.openCase({ path: casePath });
  assert.deepEqual(await third.annotations({ id: b }), { id: b, bookmarked: false, tags: ['later'], note: 'kept' });
  assert.deepEqual(await third.annotations({ id: a }), { id: a, bookmarked: false, tags: ['x'], note: null });
  third.close();
});

test('a read-only case refuses annotating and saving views and writes no journal', async () => {
  const { engine, casePath, a } = await annotatedCase();
  engine.close();
  // Opened read-only (a read-only mount is tested in read-only-case.test.ts).
  const store = await CaseStore.open(casePath, { readOnly: true });
  try {
    assert.throws(() => annotate(store, { id: a, bookmarked: true }), /is read-only \(opened read-only\)/);
    assert.throws(() => saveView(store, { name: 'v', state: VIEW }), /is read-only/);
  } finally {
    store.close();
  }
  assert.ok(!fs.existsSync(path.join(casePath, JOURNAL_FILE)));
});
