// What the column-agreement tests share: a case of real and generated events (with the values that
// tell LIKE's ASCII-only folding, NULLs, untimed and pre-1970 events apart), a battery of queries drawn
// from it, and the SQL path's and the column path's answers to one query.
import fs from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { writeFile } from '../helpers/engine';
import { opboxJsonl } from '../helpers/generate';
import { CORPUS_DIR } from '../helpers/paths';
import type { CaseStore } from '../../src/main/engine/store/case-store';
import type { Engine } from '../../src/main/engine/engine';
import { facets, histogram, summarize } from '../../src/main/engine/investigate/overview';
import { columnFacets, columnHistogram, columnQuery, columnSummary } from '../../src/main/engine/columns/column-path';
import { FACET_FIELDS } from '../../src/shared/investigate';
import { QUERY_FIELDS, type Condition, type EventQuery, type QueryField } from '../../src/shared/query';
import type { EventRow } from '../../src/shared/event';

/** The corpus files the import test takes as valid (manifest.json), all of them. */
export function corpusFiles(): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(CORPUS_DIR, 'manifest.json'), 'utf8')) as { files: { file: string }[] };
  return manifest.files.filter((f) => !f.file.includes('INVALID')).map((f) => path.join(CORPUS_DIR, f.file));
}

/** Opbox-shaped records whose values try the edges: case outside ASCII, LIKE's wildcards, empty, untimed, before 1970. */
export function edgeRecords(dir: string): string {
  const users = ['Éric', 'éric', 'ÉRIC', 'İlker', 'Ümit Öz', 'alice', 'ALICE', 'Alice', '100%_done\\x', '', 'bob'];
  const times = [
    '2026-02-01T10:00:00Z',
    '2026-02-01T10:00:00.500Z',
    '1969-12-31T23:59:59.250Z',
    '1969-07-20T20:17:40Z',
    'not a time',
    null,
    '2026-02-03T00:00:00Z',
  ];
  const lines = users.flatMap((u, i) =>
    times.map((t, j) =>
      JSON.stringify({
        id: `edge_${i}_${j}`,
        action: ['Straße.update', 'STRASSE.UPDATE', 'login_%', 'LOGIN'][(i + j) % 4],
        resource: j % 3 ? 'Dokument' : 'DOKUMENT',
        resourceId: j % 2 ? `Ñ-${i}` : `n-${i}`,
        ipAddress: j === 4 ? undefined : `198.51.100.${i}`,
        createdAt: t ?? undefined,
        user: { name: u, email: u ? `${u}@example.com` : undefined },
        organization: { id: 'org', name: 'Edge Org' },
      }),
    ),
  );
  return writeFile(dir, 'edge-opbox.jsonl', `${lines.join('\n')}\n`);
}

export function generatedFile(dir: string, count = 1500): string {
  return writeFile(dir, 'opbox.jsonl', opboxJsonl(count, 11));
}

const FIELD_OF: Record<Exclude<QueryField, 'userAgent'>, (r: EventRow) => string | null> = {
  id: (r) => r.id,
  eventId: (r) => r.eventId,
  vendor: (r) => r.vendor,
  source: (r) => r.source,
  actor: (r) => r.actor,
  actorType: (r) => r.actorType,
  action: (r) => r.action,
  targetType: (r) => r.targetType,
  targetId: (r) => r.targetId,
  outcome: (r) => r.outcome,
  requestId: (r) => r.requestId,
  ip: (r) => r.ip,
  timeFlag: (r) => r.timeFlag ?? 'none',
};

/** Queries over every filterable field (eq and contains), free text, time ranges, annotations, search, combinations, orders and offsets. */
export function battery(rows: EventRow[]): EventQuery[] {
  const qs: EventQuery[] = [{}];
  const conds: Condition[] = [];
  for (const field of QUERY_FIELDS) {
    if (field === 'userAgent') continue;
    const values = [...new Set(rows.map(FIELD_OF[field]).filter((v): v is string => v !== null))];
    const picks = [0, 1, Math.floor(values.length / 2), values.length - 1].map((i) => values[i]).filter((v) => v !== undefined);
    for (const v of new Set(picks)) {
      conds.push({ field, op: 'eq', value: v });
      const mid = v.slice(Math.floor(v.length / 3), Math.floor(v.length / 3) + 3);
      for (const s of new Set([mid, mid.toUpperCase(), mid.toLowerCase()])) conds.push({ field, op: 'contains', value: s });
    }
    for (const odd of ['', 'no-such-value', '%', '_', '\\', 'é', 'É', 'ü', 'Ü', 'i̇', 'ss', 'ß', 'LOGIN', 'fail', 'none', 'no-zone', 'missing', '1', ' 2 ']) {
      conds.push({ field, op: 'eq', value: odd });
      conds.push({ field, op: 'contains', value: odd });
    }
  }
  for (const c of conds) qs.push({ where: [c] });
  for (const text of [
    'error',
    'FAIL',
    'deny',
    'okta',
    'É',
    'é',
    'eric',
    'straße',
    'STRASSE',
    'login %',
    'user admin',
    'success',
    'human',
    '198.51',
    '_',
    'a b c',
  ])
    qs.push({ text });
  const times = rows
    .map((r) => r.time)
    .filter((t): t is string => t !== null)
    .sort();
  const at = (p: number) => times[Math.floor(p * (times.length - 1))];
  const ranges: [string | undefined, string | undefined][] = [
    [at(0.1), at(0.9)],
    [at(0.5), undefined],
    [undefined, at(0.3)],
    ['1969-01-01', '1970-01-01T00:00:00Z'],
    ['1969-12-31T23:59:59Z', '2026-02-02'],
    [at(0), at(0)],
    ['2026-02-01T10:00:00.500Z', '2026-02-01T10:00:00.501Z'],
  ];
  for (const [from, to] of ranges) qs.push({ ...(from ? { from } : {}), ...(to ? { to } : {}) });
  // Combinations: two conditions, a condition with text, with a range, with annotations and search.
  for (let i = 0; i + 7 < conds.length; i += 7) {
    qs.push({ where: [conds[i], conds[i + 7]] });
    qs.push({ where: [conds[i]], text: 'e', from: at(0.2) });
  }
  qs.push(
    { tag: 'col-test' },
    { bookmarked: true },
    { noted: true },
    { tag: 'col-test', text: 'a' },
    { bookmarked: true, where: [{ field: 'actorType', op: 'contains', value: 'u' }] },
  );
  qs.push({ search: 'admin' }, { search: 'admin', where: [{ field: 'outcome', op: 'eq', value: 'success' }] }, { search: 'user*', from: at(0.3) });
  // Orders and offsets on a few of them.
  const paged: EventQuery[] = [];
  for (const q of qs.filter((_, i) => i % 9 === 0)) {
    for (const order of ['asc', 'desc'] as const) for (const offset of [0, 3, 97]) paged.push({ ...q, order, offset, limit: 25 });
  }
  return [...qs, ...paged];
}

/** The SQL path's answers to a query, cold. */
export function sqlAnswers(store: CaseStore, q: EventQuery) {
  store.dropCaches();
  const page = { limit: 40, ...q };
  return {
    query: store.query(page),
    summary: summarize(store, q),
    facets: facets(store, q, FACET_FIELDS, 8),
    top3: facets(store, q, ['actor', 'action', 'ip'], 3),
    histogram: histogram(store, q),
    fine: histogram(store, q, 1000),
  };
}

export function columnAnswersOf(store: CaseStore, q: EventQuery) {
  const page = { limit: 40, ...q };
  return {
    query: columnQuery(store, page),
    summary: columnSummary(store, q),
    facets: columnFacets(store, q, FACET_FIELDS, 8),
    top3: columnFacets(store, q, ['actor', 'action', 'ip'], 3),
    histogram: columnHistogram(store, q),
    fine: columnHistogram(store, q, 1000),
  };
}

/** Every query of the battery gets the same answers from both paths; returns how many were compared. */
export function assertAgree(store: CaseStore, qs: EventQuery[]): number {
  let compared = 0;
  for (const q of qs) {
    let sql: ReturnType<typeof sqlAnswers> | Error;
    try {
      sql = sqlAnswers(store, q);
    } catch (e) {
      sql = e as Error;
    }
    if (sql instanceof Error) {
      assert.throws(() => columnAnswersOf(store, q), { message: sql.message }, JSON.stringify(q));
      continue;
    }
    assert.deepEqual(columnAnswersOf(store, q), sql, JSON.stringify(q));
    compared++;
  }
  return compared;
}

export const storeOf = (engine: Engine) => (engine as unknown as { store: CaseStore }).store;
