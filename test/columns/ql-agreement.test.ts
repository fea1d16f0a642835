// The query language gives the same answers from the column engine (the fast path, which must be the one
// that answers) and from SQL (the reference), on the real corpus plus generated and edge-value events;
// and `--where` conditions and their query-language forms select the same events.
import test from 'node:test';
import assert from 'node:assert/strict';
import { freshEngine } from '../helpers/engine';
import { assertAgree, corpusFiles, edgeRecords, generatedFile, sqlAnswers, storeOf } from './agreement';
import { columnAnswers, columnQuery } from '../../src/main/engine/columns/column-path';
import { rawReads } from '../../src/main/engine/columns/ql-mask';
import { quoteValue } from '../../src/shared/ql-text';
import type { EventQuery } from '../../src/shared/query';
import type { EventRow } from '../../src/shared/event';

const FIELDS = ['eventId', 'vendor', 'source', 'actor', 'actorType', 'action', 'targetType', 'targetId', 'outcome', 'requestId', 'ip', 'timeFlag'] as const;
const valueOf = (r: EventRow, f: (typeof FIELDS)[number]) => (f === 'timeFlag' ? (r.timeFlag ?? 'none') : r[f]);

/** Query-language queries over every construct, with values drawn from the events. */
function qlBattery(rows: EventRow[]): string[] {
  const qs: string[] = [];
  for (const f of FIELDS) {
    const values = [...new Set(rows.map((r) => valueOf(r, f)).filter((v): v is string => v !== null && v !== ''))];
    for (const v of [values[0], values[values.length - 1]].filter(Boolean)) {
      const mid = v.slice(Math.floor(v.length / 3), Math.floor(v.length / 3) + 3).replace(/[\\*?"\s()]/g, '');
      qs.push(`-${f}:${quoteValue(v)}`, `NOT ${f}:${quoteValue(v)} OR ${f}:*${mid.toUpperCase()}*`);
      if (mid) qs.push(`${f}:${mid[0]}*`, `${f}:?${mid.slice(1)}*`, `${f}:/.*${mid.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}.*/`);
    }
    qs.push(`-_exists_:${f}`);
  }
  const times = rows
    .map((r) => r.time)
    .filter((t): t is string => t !== null)
    .sort();
  const at = (p: number) => times[Math.floor(p * (times.length - 1))];
  qs.push(
    `time:[${at(0.2)} TO ${at(0.6)}]`,
    `time:{${at(0.2)} TO ${at(0.6)}}`,
    `time:[* TO ${at(0.5)}}`,
    `time:{${at(0.5)} TO *]`,
    'time:[1969-01-01 TO 1970-01-01}',
    `-time:[${at(0.1)} TO ${at(0.9)}]`,
    '_exists_:time',
    '-_exists_:time',
  );
  qs.push('id:[10 TO 200}', 'id:{1500 TO *]', 'id:1?', 'id:/1.3/');
  // Bare words and phrases (the filter box), wildcards and regexes over every model field.
  qs.push('error', 'FAIL', 'éric', 'É', '"user 1"', 'user admin', 'adm*n', '/.*@example\\.com/', 'login_%', '%', '_', 'a b c');
  return qs;
}

/** Raw-record paths: opbox's user, CloudTrail's identity (inside CloudTrailEvent text too), Okta's actor. */
function rawBattery(): string[] {
  const qs: string[] = [];
  qs.push(
    'raw.user.name:"User 7"',
    'raw.user.name:user*',
    'raw.user.name:/É.*/',
    '_exists_:raw.user.email',
    '-_exists_:raw.user.email',
    'raw.userIdentity.type:*',
    'raw.userIdentity.arn:*pedro*',
    'raw.CloudTrailEvent.userIdentity.arn:*fakeusername',
    'raw.actor.alternateId:*',
    'raw.eventName:/Get.*|List.*/',
    'raw.organization.name:"Edge Org" AND raw.user.name:"Éric"',
    'raw.no.such.path:x',
  );
  return qs;
}

function comboBattery(qs: string[]): string[] {
  // Combinations: the reviewer's "failed or denied admin actions, except the service account".
  qs.push(
    'outcome:(failure OR denied) AND action:*admin* AND -actor:svc*',
    '(vendor:okta OR vendor:opbox) -outcome:success',
    'NOT (actor:user* OR action:*update*) time:[2026-01-01 TO *]',
    'outcome:(failure OR denied) AND NOT actorType:system',
  );
  return qs;
}

test('query-language answers from the columns equal the SQL answers, and the columns answered', async (t) => {
  const { engine, dir } = await freshEngine();
  t.after(() => engine.close());
  await engine.importFiles({ paths: [...corpusFiles(), generatedFile(dir, 500), edgeRecords(dir)] });
  const store = storeOf(engine);
  const rows = store.query({ limit: 10_000 }).events;
  const qs = comboBattery(qlBattery(rows));
  const queries: EventQuery[] = qs.map((q) => ({ q }));
  // With other filters too, and paged in both orders.
  queries.push({ q: 'outcome:(failure OR denied)', text: 'a', from: '2026-01-01' }, { q: '-vendor:opbox', order: 'desc', offset: 7, limit: 25 });
  const before = { ...columnAnswers };
  const reads = rawReads.count;
  const compared = assertAgree(store, queries);
  assert.equal(compared, queries.length);
  assert.ok(columnAnswers.query - before.query >= compared && columnAnswers.facets - before.facets >= 2 * compared);
  // Raw paths (the SQL function reads each record per query: counts and pages only, to keep it short).
  const raw = rawBattery();
  const rawTotals = new Map<string, number>();
  for (const q of raw) {
    store.dropCaches();
    const sql = store.query({ q, limit: 10_000 });
    assert.deepEqual(columnQuery(store, { q, limit: 10_000 }), sql, q);
    rawTotals.set(q, sql.total);
  }
  // Each raw path was read from the records once and then kept.
  assert.equal(rawReads.count - reads, new Set(raw.flatMap((q) => q.match(/raw(\.[\w]+)+/g) ?? [])).size);
  // The queries select something, and not everything: the battery tests filtering.
  const totals = queries.map((q) => columnQuery(store, q)!.total);
  const between = totals.filter((n) => n > 0 && n < store.count()).length;
  assert.ok(between > queries.length / 2, `${between} of ${queries.length}`);
  for (const q of ['raw.userIdentity.arn:*pedro*', 'raw.CloudTrailEvent.userIdentity.arn:*fakeusername', 'raw.user.name:/É.*/', 'raw.user.name:"User 7"'])
    assert.ok(rawTotals.get(q)! > 0, q);
  assert.equal(rawTotals.get('raw.no.such.path:x'), 0);
});

test('--where conditions and their query-language forms select the same events', async (t) => {
  const { engine, dir } = await freshEngine();
  t.after(() => engine.close());
  await engine.importFiles({ paths: [generatedFile(dir, 800), edgeRecords(dir)] });
  const store = storeOf(engine);
  const rows = store.query({ limit: 10_000 }).events;
  let compared = 0;
  for (const f of FIELDS) {
    for (const v of new Set(
      rows
        .slice(0, 40)
        .map((r) => valueOf(r, f))
        .filter((x): x is string => x !== null && x !== ''),
    )) {
      const sub = v.slice(1, 4).replace(/[\\*?"\s()]/g, '');
      const pairs: [EventQuery, EventQuery][] = [[{ where: [{ field: f, op: 'eq', value: v }] }, { q: `${f}:${quoteValue(v)}` }]];
      if (sub) pairs.push([{ where: [{ field: f, op: 'contains', value: sub }] }, { q: `${f}:*${sub}*` }]);
      for (const [where, ql] of pairs) {
        assert.deepEqual(columnQuery(store, { ...ql, limit: 10_000 }), sqlAnswers(store, { ...where, limit: 10_000 }).query, JSON.stringify([where, ql]));
        compared++;
      }
    }
  }
  assert.ok(compared > 30, `${compared}`);
  assert.deepEqual(sqlAnswers(store, { q: 'user admin' }).query, sqlAnswers(store, { text: 'user admin' }).query);
});
