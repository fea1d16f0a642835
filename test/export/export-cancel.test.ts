// Cancelling an export mid-way: the fast CSV lane stops between batches (leaving its read-ahead
// behind), removes the folder it was writing, and the case and the next export are as before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { freshEngine, writeFile } from '../helpers/engine';
import { opboxJsonl } from '../helpers/generate';
import { runVerifyMjs } from './helpers';
import { lanesRun } from '../../src/main/engine/export/export-events';

test('a cancelled CSV export stops, leaves no folder, and the next export of the same case verifies', async () => {
  const { engine, dir, events } = await freshEngine();
  const rows = 12_000; // several of the fast lane's 2,048-row batches
  await engine.importFiles({ paths: [writeFile(dir, 'opbox.jsonl', opboxJsonl(rows, 7))] });
  const before = await engine.caseInfo();
  assert.equal(before!.events, rows);

  const out = path.join(dir, 'cancelled');
  const jobId = 'export-to-cancel';
  // Cancel as the export reports that it has started writing: the flag is read after the first batch,
  // while the next batch's segment bytes are being read ahead.
  let cancelAsked = false;
  const push = events.push.bind(events);
  events.push = (...added) => {
    for (const e of added) {
      if (!cancelAsked && e.type === 'progress' && e.progress.jobId === jobId && !e.progress.done) {
        cancelAsked = true;
        void engine.cancelJob({ jobId });
      }
    }
    return push(...added);
  };
  const fastBefore = lanesRun.fastCsv;
  await assert.rejects(engine.exportEvents({ query: {}, format: 'csv', mode: 'normalized', out, jobId }), /cancelled/);
  assert.ok(cancelAsked, 'the export was cancelled while it ran');
  assert.equal(lanesRun.fastCsv, fastBefore + 1, 'it was the fast lane that was cancelled');
  assert.equal(fs.existsSync(out), false, 'no partial export is left');

  assert.deepEqual(await engine.caseInfo(), before, 'the case is unchanged');
  const again = path.join(dir, 'whole');
  const summary = await engine.exportEvents({ query: {}, format: 'csv', mode: 'normalized', out: again });
  assert.equal(lanesRun.fastCsv, fastBefore + 2, 'the fast lane wrote the next export');
  assert.equal(summary.rows, rows);
  const v = runVerifyMjs(again);
  assert.deepEqual(v.problems, []);
  assert.equal(v.rows, rows);
  engine.close();
});
