// The SQL console: one read-only statement on a copy of the case; writes, several statements, PRAGMA
// and ATTACH are refused (also when hidden in comments or after literals); results are capped and paged.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { freshEngine } from '../helpers/engine';
import { cli } from '../helpers/cli';
import { tempDir } from '../helpers/paths';
import { writeMultiVendorCase } from '../investigate/multi-vendor';
import { assertReadOnly } from '../../src/main/engine/sql/read-only-check';
import { SQL_ROW_CAP } from '../../src/shared/sql';
import { DB_FILE } from '../../src/main/engine/store/case-store';

test('the text check refuses anything but one SELECT / WITH / EXPLAIN', () => {
  for (const ok of [
    'SELECT 1',
    'select * from events;  ',
    "SELECT 'a; DROP TABLE events' AS s",
    'SELECT "delete" FROM (SELECT 1 AS "delete")',
    "WITH x AS (SELECT replace('ab', 'a', 'c') AS v) SELECT v FROM x",
    'EXPLAIN QUERY PLAN SELECT * FROM events WHERE actor = 1',
    'SELECT CASE WHEN 1 THEN 2 END -- trailing; comment',
    'SELECT 1 /* ; DELETE FROM events */',
    "SELECT ''';DROP TABLE events;--'",
  ])
    assert.doesNotThrow(() => assertReadOnly(ok), ok);
  const refused: [string, RegExp][] = [
    ['DELETE FROM events', /only SELECT, WITH and EXPLAIN.*not DELETE/],
    ['SELECT 1; DELETE FROM events', /one statement at a time/],
    ['SELECT 1 /* x */; /* y */ DROP TABLE events', /one statement at a time/],
    ['PRAGMA query_only = 0', /not PRAGMA/],
    ["ATTACH DATABASE '/tmp/x.db' AS x", /not ATTACH/],
    ['WITH d AS (SELECT 1) DELETE FROM events', /DELETE is not allowed/],
    ['EXPLAIN DELETE FROM events', /DELETE is not allowed/],
    ['WITH x AS (SELECT 1) REPLACE INTO meta VALUES (1, 2)', /REPLACE is not allowed/],
    ['  -- only a comment', /type a SELECT/],
    ["SELECT 'open", /never closed/],
    ['SELECT 1 /* open', /never closed/],
  ];
  for (const [sql, re] of refused) assert.throws(() => assertReadOnly(sql), re, sql);
});

test('runSql reads the case, pages a kept result, caps rows and never changes the case', async () => {
  const { engine, dir, casePath } = await freshEngine();
  const { files, total } = writeMultiVendorCase(dir, 60);
  await engine.importFiles({ paths: files });
  engine.flushSaves();
  const savedBefore = fs.statSync(path.join(casePath, DB_FILE)).mtimeMs;

  const count = await engine.runSql({ sql: 'SELECT count(*) AS n FROM events' });
  assert.deepEqual(count.columns, ['n']);
  assert.deepEqual(count.rows, [[total]]);

  const byVendor = await engine.runSql({ sql: 'SELECT s.vendor, count(*) AS n FROM events e JOIN sources s ON s.id = e.src GROUP BY 1 ORDER BY 1' });
  const fromQuery = (await engine.facets({ query: {}, fields: ['vendor'], limit: 20 }))[0].values;
  assert.deepEqual(
    Object.fromEntries(byVendor.rows.map((r) => [r[0], r[1]])),
    Object.fromEntries(fromQuery.map((v) => [v.value, v.count])),
    'the console sees the same events as the facets',
  );

  const page = await engine.runSql({ sql: 'SELECT id FROM events ORDER BY id', offset: 10, limit: 5 });
  const all = await engine.runSql({ sql: 'SELECT id FROM events ORDER BY id', limit: 10_000 });
  assert.equal(page.total, total);
  assert.deepEqual(page.rows, all.rows.slice(10, 15));

  const big = await engine.runSql({ sql: `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n LIMIT ${SQL_ROW_CAP + 50}) SELECT i FROM n` });
  assert.equal(big.total, SQL_ROW_CAP);
  assert.equal(big.truncated, true);

  await assert.rejects(engine.runSql({ sql: 'DELETE FROM events' }), /only SELECT/);
  await assert.rejects(engine.runSql({ sql: 'SELECT * FROM no_such_table' }), /SQL error: no such table: no_such_table/);
  await assert.rejects(engine.runSql({ sql: 'SELECT 1; ' + 'INSERT INTO meta VALUES (1, 2)' }), /one statement/);

  // Annotating changes the case: the next statement sees it (the copy is remade).
  const [first] = (await engine.queryEvents({ limit: 1 })).events;
  await engine.annotate({ id: first.id, addTags: ['ioc'] });
  assert.deepEqual((await engine.runSql({ sql: 'SELECT event_id, tag FROM tags' })).rows, [[Number(first.id), 'ioc']]);
  await engine.saveView({
    name: 'v1',
    state: {
      filters: { text: '', search: '', from: '', to: '', columns: {}, chips: [], tag: '', bookmarked: false, noted: false, order: 'asc' },
      hiddenColumns: [],
    },
  });
  assert.deepEqual((await engine.runSql({ sql: 'SELECT name FROM saved_views' })).rows, [['v1']]);
  assert.equal((await engine.queryEvents({})).total, total, 'the case still answers queries after the copy was made');
  assert.deepEqual((await engine.runSql({ sql: 'SELECT count(*) FROM events' })).rows, [[total]]);
  engine.close();
  assert.ok(fs.statSync(path.join(casePath, DB_FILE)).mtimeMs >= savedBefore);
});

test('the copy refuses writes even when a statement reaches it', async () => {
  const { SqlCopy } = await import('../../src/main/engine/sql/sql-copy');
  const { loadSqlJs } = await import('../../src/main/engine/store/sqljs');
  const SQL = await loadSqlJs();
  const src = new SQL.Database();
  src.run('CREATE TABLE t(x); INSERT INTO t VALUES (1)');
  const copy = new SqlCopy();
  await copy.load(src.export());
  // Past the text check (the copy's own connection): it must refuse the write itself.
  const db = (copy as unknown as { db: { run(sql: string): void } }).db;
  assert.throws(() => db.run('INSERT INTO t VALUES (2)'), /readonly|read-only|query_only/i);
  assert.deepEqual(copy.run({ sql: 'SELECT count(*) FROM t' }).rows, [[1]]);
  copy.close();
  src.close();
});

test('a statement runs in its own thread: the engine keeps answering, Cancel stops it, a new statement replaces it', async () => {
  const { engine } = await freshEngine();
  const { files, total } = writeMultiVendorCase(tempDir(), 30);
  await engine.importFiles({ paths: files });
  assert.deepEqual(await engine.cancelSql(), { cancelled: false }, 'nothing to cancel yet');
  // Never ends by itself: if it ran on the engine's thread, nothing below would be answered.
  const endlessSql = 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n';
  const endless = engine.runSql({ sql: endlessSql });
  const outcome = endless.then(
    () => 'finished',
    (e: Error) => e.message,
  );
  // Wait until the statement really is running in its thread (its copy made and loaded).
  const started = Date.now();
  while (!(engine as unknown as { sql: { pending: Map<number, unknown> } }).sql.pending.size) {
    assert.ok(Date.now() - started < 60_000, 'the statement never started');
    await new Promise((r) => setTimeout(r, 20));
  }
  await new Promise((r) => setTimeout(r, 200));
  assert.equal((await engine.queryEvents({})).total, total, 'the timeline is answered while the statement runs');
  assert.equal((await engine.caseInfo())?.events, total);
  // Another page of the running statement queues behind it, and is dropped with it on cancel.
  const queued = engine.runSql({ sql: endlessSql, offset: 500 }).then(
    () => 'finished',
    (e: Error) => e.message,
  );
  assert.deepEqual(await engine.cancelSql(), { cancelled: true });
  assert.match(await outcome, /cancelled/);
  assert.match(await queued, /cancelled/);
  // The next statement gets a new thread and copy.
  assert.deepEqual((await engine.runSql({ sql: 'SELECT count(*) FROM events' })).rows, [[total]]);

  // A different statement replaces a running one (a runaway left by a closed tab must not hold it up).
  const left = engine.runSql({ sql: 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT max(i) FROM n' }).then(
    () => 'finished',
    (e: Error) => e.message,
  );
  while (!(engine as unknown as { sql: { pending: Map<number, unknown> } }).sql.pending.size) await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual((await engine.runSql({ sql: 'SELECT count(*) FROM events' })).rows, [[total]]);
  assert.match(await left, /cancelled/);
  engine.close();
});

test('CLI: auditdesk sql CASE "SELECT ..." [--json]', () => {
  const dir = tempDir();
  const casePath = path.join(dir, 'cli.auditdesk');
  const { files, total } = writeMultiVendorCase(dir, 20);
  assert.equal(cli(['import', casePath, ...files, '--json']).code, 0);
  const r = cli(['sql', casePath, 'SELECT count(*) AS n FROM events', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout) as { columns: string[]; rows: unknown[][]; truncated: boolean };
  assert.deepEqual(doc.columns, ['n']);
  assert.deepEqual(doc.rows, [[total]]);
  const human = cli(['sql', casePath, "SELECT 'a|b' AS x, NULL AS y"]);
  assert.equal(human.code, 0, human.stderr);
  assert.match(human.stdout, /x\ty\na\|b\t\n/);
  const refused = cli(['sql', casePath, 'DROP TABLE events']);
  assert.notEqual(refused.code, 0);
  assert.match(refused.stderr, /only SELECT, WITH and EXPLAIN/);
});
