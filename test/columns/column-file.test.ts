// The column set saved beside the case (columns.bin): a reopened case reads it instead of every row of
// case.sqlite and answers exactly what SQL answers; a missing, stale, damaged or half-written file is
// never used, and the columns are read from SQL instead.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { freshEngine, writeFile } from '../helpers/engine';
import { opboxJsonl } from '../helpers/generate';
import { assertAgree, battery, corpusFiles, edgeRecords, generatedFile, storeOf } from './agreement';
import { Engine } from '../../src/main/engine/engine';
import { columnsOf } from '../../src/main/engine/columns/column-path';
import { COLUMN_FILE } from '../../src/main/engine/columns/column-file';
import { columnLoads } from '../../src/main/engine/columns/saved-columns';

/** Opens the case in a new engine, reads its columns and checks every answer against SQL; where the columns came from. */
async function reopenAndCheck(casePath: string, every = 8): Promise<{ from: 'file' | 'sql'; rejection: string }> {
  const engine = new Engine(() => {});
  try {
    await engine.openCase({ path: casePath });
    const store = storeOf(engine);
    const before = { ...columnLoads };
    assert.ok(columnsOf(store));
    const from = columnLoads.file > before.file ? 'file' : 'sql';
    assert.equal(columnLoads.file + columnLoads.sql, before.file + before.sql + 1, 'read once');
    const compared = assertAgree(
      store,
      battery(store.query({ limit: 10_000 }).events).filter((_, i) => i % every === 0),
    );
    assert.ok(compared > 50, `${compared} queries compared`);
    return { from, rejection: columnLoads.rejected > before.rejected ? columnLoads.lastRejection : '' };
  } finally {
    engine.close();
  }
}

async function importedCase() {
  const { engine, dir, casePath } = await freshEngine();
  await engine.importFiles({ paths: [...corpusFiles(), generatedFile(dir), edgeRecords(dir)] });
  return { engine, dir, casePath, file: path.join(casePath, COLUMN_FILE) };
}

test('a reopened case reads its columns from the column file and answers what SQL answers', async (t) => {
  const { engine, dir, casePath, file } = await importedCase();
  t.after(() => engine.close());
  assert.ok(fs.existsSync(file), 'written when the import saved the case');
  const rows = storeOf(engine).count();
  engine.close();
  assert.deepEqual(await reopenAndCheck(casePath, 3), { from: 'file', rejection: '' });

  // An import into the reopened case: the columns come from the file before it, take its rows at commit, and
  // the save writes them again (no read of every row from SQL).
  const again = new Engine(() => {});
  await again.openCase({ path: casePath });
  const store = storeOf(again);
  const before = { ...columnLoads };
  await again.importFiles({ paths: [writeFile(dir, 'more.jsonl', opboxJsonl(400, 77))] });
  assert.equal(columnsOf(store)!.length, rows + 400);
  // The dictionaries read from the file took new values: still SQL's answers, substrings and free text included.
  const qs = battery(store.query({ limit: 10_000 }).events);
  assert.ok(assertAgree(store, [...qs.filter((q) => q.text || q.where?.some((c) => c.op === 'contains')), ...qs.filter((_, i) => i % 9 === 0)]) > 50);
  assert.deepEqual([columnLoads.file - before.file, columnLoads.sql - before.sql, columnLoads.written - before.written], [1, 0, 1]);
  again.close();
  assert.deepEqual(await reopenAndCheck(casePath), { from: 'file', rejection: '' });
});

test('a missing, stale, damaged or foreign column file is not used: the columns are read from SQL', async (t) => {
  const { engine, dir, casePath, file } = await importedCase();
  t.after(() => engine.close());
  const old = fs.readFileSync(file);
  await engine.importFiles({ paths: [writeFile(dir, 'more.jsonl', opboxJsonl(300, 78))] });
  const current = fs.readFileSync(file);
  engine.close();

  fs.rmSync(file);
  assert.deepEqual(await reopenAndCheck(casePath), { from: 'sql', rejection: '' });

  // The file of the case before the last import, put back as if that save had not reached it.
  fs.writeFileSync(file, old);
  const stale = await reopenAndCheck(casePath);
  assert.equal(stale.from, 'sql');
  assert.match(stale.rejection, /stale/);

  // One byte changed in the arrays, far from the header.
  const flipped = Buffer.from(current);
  flipped[flipped.length - 100] ^= 0x20;
  fs.writeFileSync(file, flipped);
  const damaged = await reopenAndCheck(casePath);
  assert.equal(damaged.from, 'sql');
  assert.match(damaged.rejection, /damaged/);

  fs.writeFileSync(file, current.subarray(0, current.length >> 1));
  assert.equal((await reopenAndCheck(casePath)).from, 'sql', 'cut short');

  fs.writeFileSync(file, Buffer.from('not columns at all'));
  assert.equal((await reopenAndCheck(casePath)).from, 'sql', 'not a column file');

  const otherFormat = Buffer.from(current);
  const at = otherFormat.indexOf('"format":1');
  otherFormat.write('"format":9', at, 'latin1');
  fs.writeFileSync(file, otherFormat);
  assert.match((await reopenAndCheck(casePath)).rejection, /format 9/);

  fs.writeFileSync(file, current);
  assert.deepEqual(await reopenAndCheck(casePath), { from: 'file', rejection: '' }, 'the intact file is used again');
});

test('kill -9 while the column file is written leaves a case that opens with right answers and no temp file', async (t) => {
  const { engine, dir, casePath } = await freshEngine();
  t.after(() => engine.close());
  await engine.importFiles({ paths: [writeFile(dir, 'many.jsonl', opboxJsonl(6000, 21)), edgeRecords(dir)] });
  engine.close();

  // A kill can land after the rename it aimed at: rounds go on until three landed mid-write.
  let midWrite = 0;
  for (let round = 0; midWrite < 3 && round < 40; round++) {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'column-saver.ts'), casePath], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdout.resume();
    const tmp = `${COLUMN_FILE}.tmp-${child.pid}`;
    // Killed the moment its temp column file appears: in the middle of writing it.
    const watcher = fs.watch(casePath, (_, name) => {
      if (name === tmp) child.kill('SIGKILL');
    });
    await new Promise<void>((resolve, reject) =>
      child.on('close', (code, signal) => {
        watcher.close();
        if (signal !== 'SIGKILL') reject(new Error(`the saver exited ${code}: ${err}`));
        else resolve();
      }),
    );
    if (fs.existsSync(path.join(casePath, tmp))) midWrite++;
    else continue;
    // Whichever whole column file is left (stale for the save in flight, or current), the answers are SQL's.
    await reopenAndCheck(casePath, 8);
    assert.ok(!fs.readdirSync(casePath).some((n) => n.includes('.tmp-')), 'temp files of the dead process removed on open');
  }
  assert.equal(midWrite, 3, 'three kills landed while the column file was being written');
});
