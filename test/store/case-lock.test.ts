// Two AuditDesk processes on one case (the app or `serve`, and the CLI): neither may drop what the other
// saved. A process that changes the case holds its writer lock until the change is saved, and a process
// whose copy in memory is older than the case on disk refuses to write over it.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { freshEngine } from '../helpers/engine';
import { cli } from '../helpers/cli';
import { tempDir } from '../helpers/paths';
import { writeMultiVendorCase } from '../investigate/multi-vendor';
import { LOCK_FILE } from '../../src/main/engine/store/case-lock';

const events = (casePath: string) => (JSON.parse(cli(['info', casePath, '--json']).stdout) as { events: number }).events;

test('a change made by another process is never overwritten by an older copy in memory', async () => {
  // The engine here plays `serve`: it opened the case and only read from it since.
  const { engine, casePath } = await freshEngine();
  const { files } = writeMultiVendorCase(tempDir(), 40);
  await engine.importFiles({ paths: [files[0]] });
  const before = (await engine.queryEvents({})).total;
  assert.ok(!fs.existsSync(path.join(casePath, LOCK_FILE)), 'saved, nothing pending: no lock held');

  // Meanwhile the CLI imports another file into the same case.
  const r = cli(['import', casePath, files[1], '--json']);
  assert.equal(r.code, 0, r.stderr);
  const after = events(casePath);
  assert.ok(after > before);

  // The engine's next change is refused instead of saving its older copy over the import.
  const [first] = (await engine.queryEvents({ limit: 1 })).events;
  await assert.rejects(engine.annotate({ id: first.id, bookmarked: true }), /changed by another AuditDesk process since it was opened here: open it again/);
  await assert.rejects(engine.importFiles({ paths: [files[2]] }), /changed by another AuditDesk process/);
  engine.close();
  assert.equal(events(casePath), after, 'the CLI import is still there');

  // Opened again, it sees the import and may write.
  await engine.openCase({ path: casePath });
  assert.equal((await engine.queryEvents({})).total, after);
  const [again] = (await engine.queryEvents({ limit: 1 })).events;
  await engine.annotate({ id: again.id, bookmarked: true });
  engine.close();
  assert.equal(events(casePath), after);
});

test('while one process has unsaved changes, another is refused with who holds the case; a lock left by a dead process is taken over', async () => {
  const { engine, casePath } = await freshEngine();
  const { files } = writeMultiVendorCase(tempDir(), 40);
  await engine.importFiles({ paths: [files[0]] });
  const [first] = (await engine.queryEvents({ limit: 1 })).events;
  // An annotation is saved at once (annotations.jsonl): the lock is given back with it.
  await engine.annotate({ id: first.id, bookmarked: true });
  assert.ok(!fs.existsSync(path.join(casePath, LOCK_FILE)), 'an annotation leaves nothing pending');
  // A full-text index built here is saved later (here: on close): until then this process holds the case.
  process.env.AD_ANNOTATION_SAVE_MS = '600000';
  try {
    await engine.queryEvents({ search: 'anything' });
  } finally {
    delete process.env.AD_ANNOTATION_SAVE_MS;
  }
  const lock = JSON.parse(fs.readFileSync(path.join(casePath, LOCK_FILE), 'utf8')) as { pid: number };
  assert.equal(lock.pid, process.pid);
  const refused = cli(['import', casePath, files[1]]);
  assert.notEqual(refused.code, 0);
  assert.match(refused.stderr, new RegExp(`being changed by another AuditDesk process \\(pid ${process.pid}.*nothing was changed here`));
  // Reading is never refused.
  assert.equal(cli(['query', casePath, '--limit', '1', '--json']).code, 0);
  const count = events(casePath);
  engine.close();
  assert.ok(!fs.existsSync(path.join(casePath, LOCK_FILE)), 'closing gives the lock back');

  // A lock whose process is gone (a crash) does not keep the case shut.
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  fs.writeFileSync(path.join(casePath, LOCK_FILE), JSON.stringify({ pid: Number(dead.stdout), command: 'crashed', since: new Date().toISOString() }));
  const ok = cli(['import', casePath, files[1], '--json']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.ok(events(casePath) > count);
  assert.ok(!fs.existsSync(path.join(casePath, LOCK_FILE)));
});
