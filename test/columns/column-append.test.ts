// An import's rows reach the columns as it inserts them (no read of the new rows back from SQL), and the
// column file it saves is byte for byte the one made by reading the same table from SQL: after imports
// of several files, a second import, a lone surrogate (which takes the read from SQL), a failed import
// rolled back, and a sync.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { freshEngine, writeFile } from '../helpers/engine';
import { opboxJsonl } from '../helpers/generate';
import { assertAgree, battery, corpusFiles, edgeRecords, generatedFile, storeOf } from './agreement';
import { Engine } from '../../src/main/engine/engine';
import { columnsOf, persistColumns } from '../../src/main/engine/columns/column-path';
import { COLUMN_FILE } from '../../src/main/engine/columns/column-file';
import { columnLoads } from '../../src/main/engine/columns/saved-columns';
import { appendedRows } from '../../src/main/engine/columns/event-columns';
import { startFakeVendor } from '../sync/servers/fake-vendor';
import { opbox } from '../sync/servers/vendors';
import { TOKEN, syncEngine } from '../sync/sync-helpers';

/** The column file as the reference path makes it: the case reopened without it, its columns read from SQL and saved. */
async function rebuiltFromSql(casePath: string): Promise<Buffer> {
  const file = path.join(casePath, COLUMN_FILE);
  const kept = fs.readFileSync(file);
  fs.rmSync(file);
  const engine = new Engine(() => {});
  try {
    await engine.openCase({ path: casePath });
    const store = storeOf(engine);
    const sql = columnLoads.sql;
    assert.ok(columnsOf(store));
    assert.equal(columnLoads.sql, sql + 1, 'read from SQL');
    persistColumns(store);
    return fs.readFileSync(file);
  } finally {
    engine.close();
    fs.writeFileSync(file, kept);
  }
}

function counters(): Record<string, number> {
  return { ...appendedRows, sql: columnLoads.sql, file: columnLoads.file };
}
function delta(before: Record<string, number>) {
  return Object.fromEntries(Object.entries(counters()).map(([k, v]) => [k, v - before[k]]));
}

const check = (engine: Engine) => {
  const store = storeOf(engine);
  assert.ok(
    assertAgree(
      store,
      battery(store.query({ limit: 10_000 }).events).filter((_, i) => i % 7 === 0),
    ) > 30,
  );
};

test("an import's column file comes from its inserted rows and equals the one read from SQL", async (t) => {
  const { engine, dir, casePath } = await freshEngine();
  t.after(() => engine.close());
  const file = path.join(casePath, COLUMN_FILE);

  // A new case, several files: one commit each, every one appended from its inserts, nothing read back.
  const files = [...corpusFiles(), generatedFile(dir), edgeRecords(dir)];
  let before = counters();
  await engine.importFiles({ paths: files });
  assert.deepEqual(delta(before), { fromInserts: files.length, readBack: 0, wholeReads: 0, sql: 0, file: 0 });
  check(engine);
  engine.close();
  assert.ok(fs.readFileSync(file).equals(await rebuiltFromSql(casePath)), 'after a first import of several files');

  // The case reopened: columns from the file, the next import appended to them.
  const again = new Engine(() => {});
  t.after(() => again.close());
  await again.openCase({ path: casePath });
  before = counters();
  await again.importFiles({ paths: [writeFile(dir, 'more.jsonl', opboxJsonl(400, 77))] });
  assert.deepEqual(delta(before), { fromInserts: 1, readBack: 0, wholeReads: 0, sql: 0, file: 1 });
  check(again);

  // A failed import (rolled back after its rows were inserted): the case and its column file stay as they were.
  const store = storeOf(again);
  const saved = fs.readFileSync(file);
  const updateSource = store.updateSource;
  store.updateSource = () => {
    throw new Error('no space left on device');
  };
  try {
    await assert.rejects(again.importFiles({ paths: [writeFile(dir, 'failed.jsonl', opboxJsonl(300, 78))] }), /no space left/);
  } finally {
    store.updateSource = updateSource;
  }
  assert.ok(fs.readFileSync(file).equals(saved), 'untouched by the failed import');
  before = counters();
  check(again);
  assert.deepEqual(delta(before), { fromInserts: 0, readBack: 0, wholeReads: 0, sql: 0, file: 1 }, 'the dropped columns come back from the file');
  before = counters();
  await again.importFiles({ paths: [writeFile(dir, 'after.jsonl', opboxJsonl(200, 79))] });
  assert.deepEqual(delta(before), { fromInserts: 1, readBack: 0, wholeReads: 0, sql: 0, file: 0 });
  check(again);

  // A lone surrogate may not read back from SQL as Buffer encodes it: that commit reads every row from SQL instead.
  const lone = JSON.parse(opboxJsonl(1, 80).trim().split('\n')[0]) as { action: string; user: { name: string; email: string } };
  lone.action = 'UPDATE\ud800';
  lone.user = { name: 'broken\ud800name', email: 'broken\udc00@example.com' };
  before = counters();
  await again.importFiles({ paths: [writeFile(dir, 'lone.jsonl', `${JSON.stringify(lone)}\n`)] });
  assert.deepEqual(delta(before), { fromInserts: 0, readBack: 0, wholeReads: 1, sql: 0, file: 0 });
  again.close();
  assert.ok(fs.readFileSync(file).equals(await rebuiltFromSql(casePath)), 'after reopen, import, failed import, lone surrogate');
});

test("a sync's pages reach the columns as they are stored, and its column file equals the one read from SQL", async (t) => {
  const server = await startFakeVendor(opbox, { token: TOKEN });
  t.after(() => server.close());
  server.add(700);
  const { engine, casePath } = await syncEngine();
  t.after(() => engine.close());
  const before = counters();
  const report = await engine.runSync({ settings: { vendor: 'opbox', baseUrl: server.url }, token: TOKEN });
  assert.equal(report.new, 700);
  const d = delta(before);
  assert.ok(d.fromInserts >= 1, 'appended from the stored pages');
  assert.deepEqual([d.readBack, d.wholeReads, d.sql], [0, 0, 0]);
  check(engine);
  engine.close();
  assert.ok(fs.readFileSync(path.join(casePath, COLUMN_FILE)).equals(await rebuiltFromSql(casePath)));
});
