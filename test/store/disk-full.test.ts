// Saving onto a full disk says so and leaves the case as it was saved last; temp files of saves that
// were killed are cleaned up when the case is next opened by a process that may write it.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { cli } from '../helpers/cli';
import { tempDir } from '../helpers/paths';
import { opboxJsonl } from '../helpers/generate';
import { mountTmpfs } from '../helpers/tmpfs';
import { DB_FILE, SEGMENT_FILE } from '../../src/main/engine/store/case-store';
import { SUM_FILE } from '../../src/main/engine/store/db-checksum';
import { COLUMN_FILE } from '../../src/main/engine/columns/column-file';

const events = (casePath: string) => (JSON.parse(cli(['info', casePath, '--json']).stdout) as { events: number }).events;

/** Fills the filesystem of dir, then frees `spare` bytes: room for a lock file, not for a save. */
function fillDisk(dir: string, spare: number): void {
  fs.writeFileSync(path.join(dir, 'spare'), Buffer.alloc(spare, 1));
  const fd = fs.openSync(path.join(dir, 'filler'), 'w');
  const chunk = Buffer.alloc(64 << 10, 1);
  try {
    for (;;) fs.writeSync(fd, chunk);
  } catch (e) {
    assert.equal((e as NodeJS.ErrnoException).code, 'ENOSPC');
  }
  try {
    for (;;) fs.writeSync(fd, chunk, 0, 4096);
  } catch (e) {
    assert.equal((e as NodeJS.ErrnoException).code, 'ENOSPC');
  }
  fs.closeSync(fd);
  fs.rmSync(path.join(dir, 'spare'));
}

test('an import onto a full disk says "disk full", leaves no temp file and the case as it was', async (t) => {
  const mnt = mountTmpfs(t, '4m');
  if (!mnt) return;
  const work = tempDir();
  t.after(() => fs.rmSync(work, { recursive: true, force: true }));
  const casePath = path.join(mnt, 'c.auditdesk');
  const first = path.join(work, 'a.jsonl');
  fs.writeFileSync(first, opboxJsonl(200, 1));
  const second = path.join(work, 'b.jsonl');
  fs.writeFileSync(second, opboxJsonl(400, 2));
  assert.equal(cli(['import', casePath, first]).code, 0);
  const before = {
    db: fs.readFileSync(path.join(casePath, DB_FILE)),
    seg: fs.readFileSync(path.join(casePath, SEGMENT_FILE)),
    columns: fs.readFileSync(path.join(casePath, COLUMN_FILE)),
  };
  fillDisk(mnt, 16 << 10);

  const r = cli(['import', casePath, second]);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, new RegExp(`disk full while saving ${casePath.replace(/[.]/g, '\\.')}: nothing was changed`));
  assert.doesNotMatch(r.stderr, /rollback|transaction|ENOSPC/);
  assert.deepEqual(fs.readdirSync(casePath).sort(), [DB_FILE, SUM_FILE, SEGMENT_FILE, COLUMN_FILE].sort(), 'no temp or lock file left');
  assert.ok(fs.readFileSync(path.join(casePath, DB_FILE)).equals(before.db));
  assert.ok(fs.readFileSync(path.join(casePath, SEGMENT_FILE)).equals(before.seg));
  assert.ok(fs.readFileSync(path.join(casePath, COLUMN_FILE)).equals(before.columns));
  assert.equal(events(casePath), 200);

  // With room again, the same import goes through.
  fs.rmSync(path.join(mnt, 'filler'));
  const ok = cli(['import', casePath, second]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(events(casePath), 600);
});

test('a temp file of a save killed with -9 is removed on the next open; one of a live process is kept', async (t) => {
  const dir = tempDir();
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const casePath = path.join(dir, 'c.auditdesk');
  const file = path.join(dir, 'a.jsonl');
  fs.writeFileSync(file, opboxJsonl(100, 1));
  assert.equal(cli(['import', casePath, file]).code, 0);
  // A process that wrote its temp copy of case.sqlite and was then killed before the rename.
  const killed = spawnSync(
    process.execPath,
    [
      '-e',
      `require('fs').writeFileSync(${JSON.stringify(path.join(casePath, DB_FILE))} + '.tmp-' + process.pid, Buffer.alloc(1 << 16)); process.kill(process.pid, 'SIGKILL')`,
    ],
    { encoding: 'utf8' },
  );
  assert.equal(killed.signal, 'SIGKILL');
  const stale = `${DB_FILE}.tmp-${killed.pid}`;
  const live = `${DB_FILE}.tmp-${process.pid}`;
  fs.writeFileSync(path.join(casePath, live), 'a save in progress');
  assert.ok(fs.existsSync(path.join(casePath, stale)));

  const info = cli(['info', casePath, '--json']);
  assert.equal(info.code, 0, info.stderr);
  assert.equal((JSON.parse(info.stdout) as { events: number }).events, 100);
  assert.deepEqual(fs.readdirSync(casePath).sort(), [DB_FILE, live, SUM_FILE, SEGMENT_FILE, COLUMN_FILE].sort());
});
