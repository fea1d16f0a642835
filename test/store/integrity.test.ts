// Damage is found, named and never written over: a case.sqlite that fails its checksum opens read-only
// with the damage said; a zeroed stretch of raw.seg marks just the events it hit, and the rest of the
// page is still shown.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { cli } from '../helpers/cli';
import { tempDir } from '../helpers/paths';
import { opboxJsonl } from '../helpers/generate';
import { DB_FILE, SEGMENT_FILE } from '../../src/main/engine/store/case-store';

function caseWith(t: test.TestContext, n: number): { casePath: string; more: string } {
  const dir = tempDir();
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const casePath = path.join(dir, 'c.auditdesk');
  const file = path.join(dir, 'a.jsonl');
  fs.writeFileSync(file, opboxJsonl(n, 1));
  const more = path.join(dir, 'b.jsonl');
  fs.writeFileSync(more, opboxJsonl(10, 2));
  const r = cli(['import', casePath, file]);
  assert.equal(r.code, 0, r.stderr);
  return { casePath, more };
}

test('flipped bytes in case.sqlite: info says the case is damaged and read-only; an import is refused and writes nothing', (t) => {
  const { casePath, more } = caseWith(t, 300);
  const dbFile = path.join(casePath, DB_FILE);
  const bytes = fs.readFileSync(dbFile);
  // Inside a stored value, so SQLite still reads the file: only the checksum can tell.
  const at = bytes.indexOf('user17@example.com');
  assert.ok(at > 0);
  bytes.write('X', at);
  fs.writeFileSync(dbFile, bytes);

  const info = cli(['info', casePath, '--json']);
  assert.equal(info.code, 0, info.stderr);
  const doc = JSON.parse(info.stdout) as { readOnly: boolean; damaged?: string };
  assert.equal(doc.readOnly, true);
  assert.match(doc.damaged ?? '', /case\.sqlite does not match the checksum saved with it/);
  assert.equal(cli(['query', casePath, '--limit', '1', '--json']).code, 0, 'still readable');

  const imp = cli(['import', casePath, more]);
  assert.notEqual(imp.code, 0);
  assert.match(
    imp.stderr,
    /c\.auditdesk is damaged \(case\.sqlite does not match.*\): it can be read and exported, but nothing is written onto it; nothing was changed/,
  );
  assert.ok(fs.readFileSync(dbFile).equals(bytes), 'case.sqlite untouched');
});

test('a zeroed stretch of raw.seg: the page comes back with the damaged events marked and named, the rest whole', (t) => {
  const { casePath } = caseWith(t, 300);
  const seg = path.join(casePath, SEGMENT_FILE);
  const bytes = fs.readFileSync(seg);
  const from = Math.floor(bytes.length / 2);
  bytes.fill(0, from, from + 1500);
  fs.writeFileSync(seg, bytes);

  const q = cli(['query', casePath, '--limit', '300', '--json']);
  assert.equal(q.code, 1, 'damage makes the command fail after printing the page');
  const { events } = JSON.parse(q.stdout) as { events: { id: string; raw: string; damaged?: string }[] };
  assert.equal(events.length, 300);
  const damaged = events.filter((e) => e.damaged);
  assert.ok(damaged.length >= 2 && damaged.length <= 6, `${damaged.length} damaged`);
  for (const e of damaged) {
    assert.match(e.damaged!, new RegExp(`^event ${e.id} \\(source a\\.jsonl, raw\\.seg offset \\d+, \\d+ bytes\\): its raw record is damaged`));
    assert.equal(e.raw, '');
    assert.match(q.stderr, new RegExp(`DAMAGED event ${e.id} \\(`));
  }
  for (const e of events.filter((x) => !x.damaged)) assert.ok(JSON.parse(e.raw));
  assert.doesNotMatch(q.stderr, /JSON input|SyntaxError/);

  // The timeline's page (rows only) and a search are not failed by it either.
  const s = cli(['query', casePath, '--search', 'Item', '--limit', '5', '--json']);
  assert.ok(s.code === 0 || s.code === 1, s.stderr);
  assert.equal((JSON.parse(s.stdout) as { events: unknown[] }).events.length, 5);
});
