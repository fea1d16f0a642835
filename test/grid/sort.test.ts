// Sorting by a model column: the column path and SQL agree page for page, the order is the column's
// (SQLite BINARY order, values without one last, then time and id), and the CLI takes --sort FIELD[:desc].
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { freshEngine } from '../helpers/engine';
import { cli } from '../helpers/cli';
import { CORPUS_DIR, tempDir } from '../helpers/paths';
import { corpusFiles, edgeRecords, generatedFile, storeOf } from '../columns/agreement';
import { columnAnswers, columnQuery } from '../../src/main/engine/columns/column-path';
import { SORT_FIELDS, type EventQuery } from '../../src/shared/query';
import type { EventRow } from '../../src/shared/event';

const byteOrder = (a: string | null, b: string | null): number =>
  a === null ? (b === null ? 0 : 1) : b === null ? -1 : Buffer.compare(Buffer.from(a), Buffer.from(b));

test('every sortable field sorts the same on the columns and in SQL, in both directions, at any offset', async (t) => {
  const { engine, dir } = await freshEngine();
  t.after(() => engine.close());
  await engine.importFiles({ paths: [...corpusFiles(), generatedFile(dir, 800), edgeRecords(dir)] });
  const store = storeOf(engine);
  const field = {
    eventId: 'eventId',
    actor: 'actor',
    action: 'action',
    targetType: 'targetType',
    targetId: 'targetId',
    requestId: 'requestId',
    ip: 'ip',
  } as const;
  for (const sort of SORT_FIELDS) {
    for (const order of ['asc', 'desc'] as const) {
      for (const extra of [{}, { where: [{ field: 'outcome' as const, op: 'eq' as const, value: 'success' }] }]) {
        for (const offset of [0, 500]) {
          const q: EventQuery = { ...extra, sort, order, offset, limit: 300 };
          const before = columnAnswers.query;
          const cols = columnQuery(store, q);
          assert.equal(columnAnswers.query, before + 1, 'the columns answered');
          store.dropCaches();
          const sql = store.query(q);
          assert.deepEqual(
            cols?.events.map((r) => r.id),
            sql.events.map((r) => r.id),
            JSON.stringify(q),
          );
        }
      }
      const all: EventRow[] = store.query({ sort, order, limit: 10_000 }).events;
      for (let i = 1; i < all.length; i++) {
        const c = byteOrder(all[i - 1][field[sort]], all[i][field[sort]]);
        assert.ok(order === 'asc' ? c <= 0 : c >= 0, `${sort} ${order} at ${i}: ${all[i - 1][field[sort]]} then ${all[i][field[sort]]}`);
      }
      assert.ok(all.some((r) => r[field[sort]] !== null));
    }
  }
});

test('query --sort FIELD[:desc] orders the CLI output; an unknown field is a usage error naming it', () => {
  const casePath = path.join(tempDir(), 'c.auditdesk');
  assert.equal(cli(['import', casePath, path.join(CORPUS_DIR, 'okta/elastic_okta_system_events.log')]).code, 0);
  const actors = (args: string[]) =>
    (JSON.parse(cli(['query', casePath, ...args, '--json']).stdout) as { events: { actor: string | null }[] }).events.map((e) => e.actor);
  const asc = actors(['--sort', 'actor']);
  const desc = actors(['--sort', 'actor:desc']);
  assert.ok(asc.length > 5);
  assert.deepEqual([...asc].sort(byteOrder), asc);
  assert.deepEqual([...desc].sort(byteOrder).reverse(), desc);
  assert.notDeepEqual(asc, desc);
  const bad = cli(['query', casePath, '--sort', 'colour:desc']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /cannot sort by "colour:desc"/);
});
