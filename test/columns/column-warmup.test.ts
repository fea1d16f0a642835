// Opening a case reads its columns while the user looks, but only when no call came in first: an export
// run right after the open (the CLI's export) never waits for columns it does not use.
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freshEngine, writeFile } from '../helpers/engine';
import { opboxJsonl } from '../helpers/generate';
import { Engine } from '../../src/main/engine/engine';
import { columnLoads } from '../../src/main/engine/columns/saved-columns';

const reads = () => columnLoads.file + columnLoads.sql;

test('an export right after opening reads no columns; an idle open reads them once', async (t) => {
  const { engine, dir, casePath } = await freshEngine();
  await engine.importFiles({ paths: [writeFile(dir, 'a.jsonl', opboxJsonl(300, 5))] });
  engine.close();

  const exporting = new Engine(() => {});
  t.after(() => exporting.close());
  await exporting.openCase({ path: casePath });
  const before = reads();
  const s = await exporting.exportEvents({ query: {}, format: 'csv', mode: 'normalized', out: path.join(dir, 'out') });
  assert.equal(s.rows, 300);
  // Past the warm-up's timer (timers fire in order): it gave way to the export.
  await sleep(400);
  assert.equal(reads(), before, 'no columns read for the export');
  exporting.close();

  const idle = new Engine(() => {});
  t.after(() => idle.close());
  await idle.openCase({ path: casePath });
  await sleep(400);
  assert.equal(reads(), before + 1, 'read once while idle');
});
