// SIGKILL of a real process while it annotates (and now and then folds the journal with a full save)
// leaves a case that opens with every acknowledged change, and nothing that was never asked for.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { freshEngine } from '../helpers/engine';
import { writeMultiVendorCase } from '../investigate/multi-vendor';
import { CaseStore } from '../../src/main/engine/store/case-store';
import { listAnnotations } from '../../src/main/engine/investigate/annotations';
import { listViews } from '../../src/main/engine/views/saved-views';
import { EVENTS, VIEWS } from './annotation-writer';

/** Runs the writer from change `first` until `acks` changes are acknowledged, then kills it; the changes it acknowledged. */
function runAndKill(casePath: string, first: number, acks: number): Promise<number[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'annotation-writer.ts'), casePath, String(first)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d;
      if ((out.match(/^ack /gm)?.length ?? 0) >= acks && child.signalCode === null) child.kill('SIGKILL');
    });
    // 'close', not 'exit': only then has every line the process wrote been read.
    child.on('close', (code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`the writer exited ${code}: ${err}`));
      resolve([...out.matchAll(/^ack (\d+)$/gm)].map((m) => Number(m[1])));
    });
  });
}

/** What change i leaves on its event or view (the writer's loop, restated). */
function expected(upto: number[]): { notes: Map<string, string>; views: Map<string, string> } {
  const notes = new Map<string, string>();
  const views = new Map<string, string>();
  for (const i of upto) {
    if (i % 5 === 0) views.set(`view ${i % VIEWS}`, `t${i}`);
    else notes.set(String((i % EVENTS) + 1), `n${i}`);
  }
  return { notes, views };
}

test('kill -9 while annotating: every acknowledged change is there after reopening, nothing else', async () => {
  const { engine, dir, casePath } = await freshEngine();
  const { files } = writeMultiVendorCase(dir, 20);
  await engine.importFiles({ paths: [files[0]] });
  const events = (await engine.queryEvents({})).total;
  assert.ok(events >= EVENTS);
  engine.close();

  const acked: number[] = [];
  let next = 1;
  for (const round of [3, 11, 6, 17, 9]) {
    const got = await runAndKill(casePath, next, round);
    assert.ok(got.length >= round);
    acked.push(...got);
    const inFlight = got.at(-1)! + 1;
    next = inFlight + 1;

    const store = await CaseStore.open(casePath);
    try {
      assert.equal(store.info().warnings, undefined, 'no line cut short or damaged');
      assert.equal(store.count(), events, 'the events are untouched');
      const seen = listAnnotations(store, { limit: 5000 });
      const views = new Map(listViews(store).map((v) => [v.name, v.state.filters.text]));
      // The change in flight when the process died may or may not be there; nothing beyond it is.
      const without = expected(acked);
      const withIt = expected([...acked, inFlight]);
      for (const e of seen.events) {
        assert.ok(
          [without.notes.get(e.id), withIt.notes.get(e.id)].includes(e.note ?? undefined),
          `event ${e.id}: note ${e.note} (acknowledged: ${acked.join(',')})`,
        );
        assert.equal(
          e.bookmarked,
          Number(e.note!.slice(1)) % 2 === 0,
          `event ${e.id}: bookmark as its last change left it (${e.note}; acknowledged: ${acked.join(',')})`,
        );
      }
      assert.ok(seen.events.length === without.notes.size || seen.events.length === withIt.notes.size, 'no annotation nobody asked for');
      for (const [name, text] of without.views)
        assert.ok(
          [text, withIt.views.get(name)].includes(views.get(name)),
          `${name}: ${views.get(name)}, expected ${text} or ${withIt.views.get(name)} (acknowledged: ${acked.join(',')})`,
        );
      assert.ok(views.size === without.views.size || views.size === withIt.views.size);
      for (const id of without.notes.keys())
        assert.ok(
          seen.events.some((e) => e.id === id),
          `event ${id} lost its annotations`,
        );
      // Whether the change in flight was made is now known: the next rounds count it like the others.
      const madeIt = inFlight % 5 === 0 ? views.get(`view ${inFlight % VIEWS}`) === `t${inFlight}` : seen.events.some((e) => e.note === `n${inFlight}`);
      if (madeIt) acked.push(inFlight);
    } finally {
      store.close();
    }
    // The case is left as a dead writer leaves it for the next round: no temp file outlives a reopen.
    assert.deepEqual(
      fs.readdirSync(casePath).filter((f) => f.includes('.tmp-')),
      [],
    );
  }
});
