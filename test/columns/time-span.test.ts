// A time range is kept by binary search over the time order (FilterMask.time): the same rows as the
// plain test of every row beside it (timeScan), and, when the range is the whole filter, its rows as
// a span of the time order; the column answers then still equal the SQL path's (the reference).
import test from 'node:test';
import assert from 'node:assert/strict';
import { freshEngine } from '../helpers/engine';
import { assertAgree, corpusFiles, edgeRecords, generatedFile, storeOf } from './agreement';
import { columnsOf } from '../../src/main/engine/columns/column-path';
import { FilterMask, timeSpans } from '../../src/main/engine/columns/filter-mask';
import { NO_TIME } from '../../src/main/engine/store/schema';
import type { EventQuery } from '../../src/shared/query';

test('a time range by binary search keeps the rows the plain scan keeps, and the answers equal SQL', async (t) => {
  const { engine, dir } = await freshEngine();
  t.after(() => engine.close());
  await engine.importFiles({ paths: [...corpusFiles(), generatedFile(dir), edgeRecords(dir)] });
  const store = storeOf(engine);
  const cols = columnsOf(store)!;
  const times = [...new Set(Array.from(cols.t.data.subarray(0, cols.length)).filter((x) => x < NO_TIME))].sort((a, b) => a - b);
  assert.ok(times.length > 1000 && times[0] < 0, 'timed rows, some before 1970');
  // Bounds on, between and outside the stored times, open on either side.
  const at = (p: number) => times[Math.floor(p * (times.length - 1))];
  const bounds = [-Infinity, times[0] - 1, times[0], at(0.1), at(0.1) + 0.5, at(0.5), at(0.9), times.at(-1)!, times.at(-1)! + 1, NO_TIME, Infinity];
  let spans = 0;
  for (const from of bounds)
    for (const to of bounds) {
      const before = timeSpans.count;
      const fast = new FilterMask(store, cols);
      fast.time(from, to);
      assert.equal(timeSpans.count, before + 1, 'the binary search ran');
      const plain = new FilterMask(store, cols);
      plain.timeScan(from, to);
      assert.deepEqual(fast.mask, plain.mask, `[${from}, ${to})`);
      // Alone in the filter, the kept rows are given as a span of the time order.
      const rows = Array.from(fast.timeRows!).sort((a, b) => a - b);
      assert.deepEqual(
        rows,
        [...plain.mask.keys()].filter((i) => plain.mask[i]),
      );
      spans += rows.length;
    }
  assert.ok(spans > 10_000, `${spans} rows kept in all`);

  // After another condition the range narrows the mask without giving rows of its own.
  const narrowed = new FilterMask(store, cols);
  narrowed.condition({ field: 'outcome', op: 'eq', value: 'success' });
  narrowed.time(at(0.2), at(0.8));
  const plain = new FilterMask(store, cols);
  plain.condition({ field: 'outcome', op: 'eq', value: 'success' });
  plain.timeScan(at(0.2), at(0.8));
  assert.equal(narrowed.timeRows, null);
  assert.deepEqual(narrowed.mask, plain.mask);

  // Through the column path: counts, pages, metrics, facets and histograms equal SQL's.
  const iso = (x: number) => new Date(x).toISOString();
  const qs: EventQuery[] = [
    { from: iso(at(0.1)), to: iso(at(0.9)) },
    { from: iso(at(0.5)) },
    { to: iso(at(0.3)) },
    { from: '1969-01-01', to: '1970-01-01T00:00:00Z' },
    { from: iso(at(0.4)), to: iso(at(0.4)) },
    { from: iso(at(0.2)), to: iso(at(0.7)), order: 'desc', offset: 30, limit: 25 },
    { from: iso(at(0.2)), to: iso(at(0.7)), where: [{ field: 'outcome', op: 'eq', value: 'success' }] },
  ];
  const before = timeSpans.count;
  assert.equal(assertAgree(store, qs), qs.length);
  assert.ok(timeSpans.count - before >= qs.length, 'the column path took the binary search');
});
