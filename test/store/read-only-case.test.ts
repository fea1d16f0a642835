// A case on a drive mounted read-only (evidence as handed over) is searched and exported like any
// other; changing it is refused with a clear message, and the case says it is read-only.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { cli } from '../helpers/cli';
import { tempDir } from '../helpers/paths';
import { opboxJsonl } from '../helpers/generate';
import { mountTmpfs, remountReadOnly } from '../helpers/tmpfs';

test('a case on a read-only mount: info says so, query and export work, import and annotate are refused', async (t) => {
  const mnt = mountTmpfs(t, '16m');
  if (!mnt) return;
  const work = tempDir();
  t.after(() => fs.rmSync(work, { recursive: true, force: true }));
  const casePath = path.join(mnt, 'evidence.auditdesk');
  const first = path.join(work, 'a.jsonl');
  fs.writeFileSync(first, opboxJsonl(300, 1));
  const more = path.join(work, 'b.jsonl');
  fs.writeFileSync(more, opboxJsonl(20, 2));
  assert.equal(cli(['import', casePath, first]).code, 0);
  const files = fs.readdirSync(casePath).sort();
  remountReadOnly(mnt);

  const info = cli(['info', casePath, '--json']);
  assert.equal(info.code, 0, info.stderr);
  const doc = JSON.parse(info.stdout) as { events: number; readOnly: boolean };
  assert.equal(doc.events, 300);
  assert.equal(doc.readOnly, true);
  assert.match(cli(['info', casePath]).stdout, /300 events.*\(read-only\)/);

  const q = cli(['query', casePath, '--search', 'Item', '--limit', '2', '--json']);
  assert.equal(q.code, 0, q.stderr);
  assert.equal((JSON.parse(q.stdout) as { events: unknown[] }).events.length, 2);

  const out = path.join(work, 'export');
  const ex = cli(['export', casePath, '--format', 'jsonl', '--out', out, '--json']);
  assert.equal(ex.code, 0, ex.stderr);
  assert.ok(fs.readdirSync(out).length > 0);

  const imp = cli(['import', casePath, more]);
  assert.notEqual(imp.code, 0);
  assert.match(imp.stderr, /evidence\.auditdesk is read-only \(on a read-only drive\): it can be searched and exported, but not changed; nothing was changed/);
  const [ev] = (JSON.parse(q.stdout) as { events: { id: string }[] }).events;
  const ann = cli(['annotate', casePath, ev.id, '--bookmark']);
  assert.notEqual(ann.code, 0);
  assert.match(ann.stderr, /is read-only/);
  assert.doesNotMatch(imp.stderr + ann.stderr, /EROFS|SQLite|sql\.js/);
  assert.deepEqual(fs.readdirSync(casePath).sort(), files);
});
