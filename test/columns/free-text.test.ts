// The fast free-text filter (free-text.ts: dictionary matches cached per needle and narrowed as the user
// types, byte pairs no value holds skipped, one pass over the rows) keeps exactly the rows of the plain
// form beside it (every dictionary searched, one pass per column), whose agreement with SQL
// column-agreement.test.ts checks.
import test from 'node:test';
import assert from 'node:assert/strict';
import { freshEngine, writeFile } from '../helpers/engine';
import { opboxJsonl } from '../helpers/generate';
import { corpusFiles, edgeRecords, generatedFile, storeOf } from './agreement';
import { columnsOf } from '../../src/main/engine/columns/column-path';
import { FilterMask } from '../../src/main/engine/columns/filter-mask';
import type { CaseStore } from '../../src/main/engine/store/case-store';

/** Needles as a user types them: every prefix of some values, growing substrings, case and non-ASCII variants. */
function needles(store: CaseStore): string[] {
  const rows = store.query({ limit: 10_000 }).events;
  const values = [...new Set(rows.flatMap((r) => [r.actor, r.action, r.targetType, r.targetId, r.requestId, r.eventId, r.ip, r.outcome, r.source]))].filter(
    (v): v is string => !!v,
  );
  const out = ['é', 'É', 'straße', 'STRASSE', '%', '_', '100%_', '\\', 'İ', 'zzzz-nowhere', 'a', 'E', '.', ':', 'failure', 'user'];
  for (const v of values.filter((_, i) => i % 23 === 0)) {
    for (let k = 1; k <= Math.min(v.length, 14); k++) out.push(v.slice(0, k));
    const mid = Math.floor(v.length / 2);
    for (let k = 1; k <= 6 && mid + k <= v.length; k++) out.push(v.slice(mid, mid + k).toUpperCase());
  }
  return out;
}

function assertSameMasks(store: CaseStore, words: string[]): number {
  const cols = columnsOf(store)!;
  let kept = 0;
  for (const w of words) {
    const fast = new FilterMask(store, cols);
    fast.freeText(w);
    const simple = new FilterMask(store, cols);
    simple.freeTextSimple(w);
    assert.deepEqual(fast.mask, simple.mask, `free text ${JSON.stringify(w)}`);
    kept += fast.mask.reduce((n, x) => n + x, 0);
  }
  return kept;
}

test('fast free text keeps the rows the plain form keeps, as the user types and after new values arrive', async (t) => {
  const { engine, dir } = await freshEngine();
  t.after(() => engine.close());
  await engine.importFiles({ paths: [...corpusFiles(), generatedFile(dir), edgeRecords(dir)] });
  const store = storeOf(engine);
  const words = needles(store);
  assert.ok(words.length > 300, `${words.length} needles`);
  assert.ok(assertSameMasks(store, words) > 10_000, 'the needles keep rows');
  // Typed again: answered from the kept matches.
  assertSameMasks(store, words);

  // New values (the dictionaries grow): kept matches of the same needles must not be reused.
  await engine.importFiles({ paths: [writeFile(dir, 'more.jsonl', opboxJsonl(700, 91))] });
  assertSameMasks(store, words);
  assertSameMasks(store, needles(store));
});
