// The full-text index built in the background (issue 16): complete after an import without any
// search, a search afterwards indexes nothing, a reopened case keeps it, and other requests are
// answered while it is built (a real engine worker on a generated 150k-event case).
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { Engine } from '../../src/main/engine/engine';
import { EngineClient } from '../../src/main/engine/worker/engine-client';
import type { HostEvent, JobProgress } from '../../src/shared/contract';
import { writeFile } from '../helpers/engine';
import { opboxJsonl } from '../helpers/generate';
import { REPO_ROOT, tempDir } from '../helpers/paths';

const indexEvents = (events: HostEvent[]): JobProgress[] =>
  events.flatMap((e) => (e.type === 'progress' && e.progress.kind === 'search-index' ? [e.progress] : []));

/** Waits for cond (a guard against hanging, not a figure: the test fails with `what`). */
async function until(cond: () => boolean, what: string, limitMs = 240_000): Promise<void> {
  const end = Date.now() + limitMs;
  while (!cond()) {
    if (Date.now() > end) assert.fail(`gave up waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const complete = (p: JobProgress[]) => p.some((x) => x.done && x.bytesTotal > 0 && x.bytesDone === x.bytesTotal);

test('engine: the index is built after an import with no search asked, a search then indexes nothing, a reopen keeps it', async () => {
  const dir = tempDir();
  const casePath = path.join(dir, 'bg.auditdesk');
  const events: HostEvent[] = [];
  const engine = new Engine((e) => events.push(e), { indexInBackground: true });
  await engine.openCase({ path: casePath, create: true });
  await engine.importFiles({ paths: [writeFile(dir, 'a.jsonl', opboxJsonl(3000))] });

  await until(() => complete(indexEvents(events)), 'the background index to complete');
  const built = indexEvents(events);
  assert.equal(built.at(-1)!.bytesTotal, 3000, 'every imported event indexed');
  assert.ok(!engine.searchBuild.running);
  const chunks = engine.searchBuild.chunks;
  assert.ok(chunks > 0);

  const r = await engine.queryEvents({ search: '"Item 2999"', limit: 10 });
  assert.equal(r.total, 1);
  assert.equal((await engine.queryEvents({ search: 'Acme', limit: 10 })).total, 3000);
  assert.equal(engine.searchBuild.chunks, chunks, 'the search indexed nothing');
  assert.equal(indexEvents(events).length, built.length, 'and showed no index progress');
  engine.close();

  const again: HostEvent[] = [];
  const reopened = new Engine((e) => again.push(e), { indexInBackground: true });
  await reopened.openCase({ path: casePath });
  assert.equal((await reopened.queryEvents({ search: '"Item 17"', limit: 10 })).total, 1);
  assert.equal(reopened.searchBuild.chunks, 0, 'the saved index is used as it is');
  assert.deepEqual(indexEvents(again), []);
  reopened.close();
});

test('engine worker: pages are answered while a 150k-event index builds; an import stops it and a search waits for the rest', async (t) => {
  const dir = tempDir();
  const file = path.join(dir, 'events.jsonl');
  const gen = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bench/generate.mjs'), '--count', '150000', '--out', file], { encoding: 'utf8' });
  assert.equal(gen.status, 0, gen.stderr);
  const client = new EngineClient({ indexInBackground: true });
  t.after(() => client.close());
  const events: HostEvent[] = [];
  client.onEvent((e) => events.push(e));
  const api = client.api;
  await api.openCase({ path: path.join(dir, 'big.auditdesk'), create: true });
  const imported = await api.importFiles({ paths: [file] });
  assert.equal(imported.files[0].imported, 150_000);

  // A page asked while the index is being built is answered before the build ends.
  await until(() => indexEvents(events).length > 0, 'the background index to start');
  const page = await api.queryEvents({ limit: 100 });
  assert.equal(page.total, 150_000);
  assert.equal(page.events.length, 100);
  assert.ok(!complete(indexEvents(events)), 'the page came back while the index was still being built');

  // An import in the middle stops the run; the next run takes up what is left and the new events.
  const extra = writeFile(dir, 'extra.jsonl', opboxJsonl(5, 7).replace(/Acme Corp/g, 'Zyxwvut Holdings'));
  const second = await api.importFiles({ paths: [extra] });
  assert.equal(second.files[0].imported, 5);
  const stopped = indexEvents(events).find((p) => p.done);
  assert.ok(stopped && stopped.bytesDone < stopped.bytesTotal, 'the first run ended unfinished when the import came');

  // A search issued now waits for the run (whose progress shows) instead of failing.
  const found = await api.queryEvents({ search: 'Zyxwvut', limit: 10 });
  assert.equal(found.total, 5);
  const runs = new Set(indexEvents(events).map((p) => p.jobId));
  assert.ok(runs.size >= 2, 'a second run indexed the rest');
  const last = indexEvents(events).filter((p) => p.jobId !== stopped.jobId);
  assert.ok(complete(last), 'and completed it');
  assert.ok(
    last.some((p) => !p.done && p.bytesDone > 0 && p.bytesDone < p.bytesTotal),
    'in chunks, with progress between them',
  );
});

test('engine: closing the case stops the build after its chunk; the case reopens and its search is right', async () => {
  const dir = tempDir();
  const casePath = path.join(dir, 'closing.auditdesk');
  const events: HostEvent[] = [];
  let closed = false;
  const engine: Engine = new Engine(
    (e) => {
      events.push(e);
      // Closed from inside the run, between two chunks, as a window closing would.
      if (!closed && e.type === 'progress' && e.progress.kind === 'search-index' && e.progress.bytesDone > 0) {
        closed = true;
        engine.close();
      }
    },
    { indexInBackground: true },
  );
  await engine.openCase({ path: casePath, create: true });
  await engine.importFiles({ paths: [writeFile(dir, 'a.jsonl', opboxJsonl(20_000))] });
  await until(() => indexEvents(events).some((p) => p.done), 'the run to end');
  const end = indexEvents(events).find((p) => p.done)!;
  assert.ok(closed && end.bytesDone < end.bytesTotal, `stopped unfinished (${end.bytesDone} of ${end.bytesTotal})`);
  assert.equal(await engine.caseInfo(), null);

  const reopened = new Engine(() => {}, { indexInBackground: true });
  await reopened.openCase({ path: casePath });
  assert.equal((await reopened.queryEvents({ search: '"Item 19999"', limit: 10 })).total, 1);
  assert.equal((await reopened.queryEvents({ search: 'Acme', limit: 0 })).total, 20_000);
  reopened.close();
});
