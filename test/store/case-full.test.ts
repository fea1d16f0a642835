// A case whose database cannot grow any more (SQLite's own "database or disk is full", here from a real
// page limit, AD_MAX_PAGE_COUNT) ends the import with a message naming the file, how many of its events
// were stored and why; the import is rolled back, no temp file is left and the case is as it was.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { cli } from '../helpers/cli';
import { tempDir } from '../helpers/paths';
import { opboxJsonl } from '../helpers/generate';
import { DB_FILE, SEGMENT_FILE } from '../../src/main/engine/store/case-store';
import { SUM_FILE } from '../../src/main/engine/store/db-checksum';
import { COLUMN_FILE } from '../../src/main/engine/columns/column-file';

const events = (casePath: string) => (JSON.parse(cli(['info', casePath, '--json']).stdout) as { events: number }).events;

test('an import that fills the case database says so, rolls back and leaves the case as it was', (t) => {
  const dir = tempDir();
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const casePath = path.join(dir, 'c.auditdesk');
  const first = path.join(dir, 'a.jsonl');
  fs.writeFileSync(first, opboxJsonl(200, 1));
  const second = path.join(dir, 'b.jsonl');
  fs.writeFileSync(second, opboxJsonl(3000, 2));
  assert.equal(cli(['import', casePath, first]).code, 0);
  const dbFile = path.join(casePath, DB_FILE);
  const before = {
    db: fs.readFileSync(dbFile),
    seg: fs.readFileSync(path.join(casePath, SEGMENT_FILE)),
    columns: fs.readFileSync(path.join(casePath, COLUMN_FILE)),
  };
  // Room for a few more pages than the case holds now: some of the new rows fit, then SQLite is full.
  const pages = before.db.length / 4096 + 8;

  const r = cli(['import', casePath, second], { env: { AD_MAX_PAGE_COUNT: String(pages) } });
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /b\.jsonl/);
  assert.match(r.stderr, /database or disk is full/);
  assert.match(r.stderr, /after \d+ of its events were stored/);
  assert.match(r.stderr, /at most what fits in one database/);
  assert.match(r.stderr, /rolled back/);
  assert.doesNotMatch(r.stderr, /no transaction is active/);
  assert.deepEqual(fs.readdirSync(casePath).sort(), [DB_FILE, SUM_FILE, SEGMENT_FILE, COLUMN_FILE].sort(), 'no temp or lock file left');
  assert.ok(fs.readFileSync(dbFile).equals(before.db), 'case.sqlite unchanged');
  assert.ok(fs.readFileSync(path.join(casePath, SEGMENT_FILE)).equals(before.seg), 'raw.seg cut back');
  assert.ok(fs.readFileSync(path.join(casePath, COLUMN_FILE)).equals(before.columns), 'columns.bin unchanged');
  assert.equal(events(casePath), 200);

  // Without the limit the same file goes in.
  const ok = cli(['import', casePath, second]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(events(casePath), 3200);
});
