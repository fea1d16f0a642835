// Counts over the rows a filter selects (a WHERE clause from CaseStore.where), by what they answer: the
// hero metrics, rows per source, per stored code, the top values of an indexed column, and one pass
// over unindexed columns. The SQL path of the overview; the column engine answers the same from columns.
import type { Database } from 'sql.js';
import { ACTOR_TYPES, OUTCOMES } from '../../../shared/event';
import { encodeOutcome } from './schema';

type Param = string | number | null;

/** Events, failures, warnings (denied or warning) and distinct actors of the rows. */
export function metricsOf(db: Database, where: string, params: Param[]): { total: number; failures: number; warnings: number; distinctActors: number } {
  const fail = encodeOutcome('failure');
  const warn = [encodeOutcome('denied'), encodeOutcome('warning')].join(',');
  const r = db.exec(
    `SELECT count(*), coalesce(sum(outcome = ${fail}), 0), coalesce(sum(outcome IN (${warn})), 0), count(DISTINCT actor) FROM events ${where}`,
    params,
  )[0].values[0];
  return { total: Number(r[0]), failures: Number(r[1]), warnings: Number(r[2]), distinctActors: Number(r[3]) };
}

/** Rows per source id. Grouping by src alone walks the (src, t) index without a sort. */
export function countBySource(db: Database, where: string, params: Param[]): [number, number][] {
  return (db.exec(`SELECT src, count(*) FROM events ${where} GROUP BY src`, params)[0]?.values ?? []).map((r) => [Number(r[0]), Number(r[1])]);
}

/** Rows per actor type code and per outcome code. */
export function countByCode(db: Database, where: string, params: Param[]): { actorTypes: number[]; outcomes: number[] } {
  // Conditional sums: one pass over the rows and no sorter, which GROUP BY on an unindexed column needs.
  const sums = [...ACTOR_TYPES.map((_, i) => `sum(atype = ${i})`), ...OUTCOMES.map((_, i) => `sum(outcome = ${i})`)];
  const r = db.exec(`SELECT ${sums.join(', ')} FROM events ${where}`, params)[0].values[0];
  return {
    actorTypes: ACTOR_TYPES.map((_, i) => Number(r[i] ?? 0)),
    outcomes: OUTCOMES.map((_, i) => Number(r[ACTOR_TYPES.length + i] ?? 0)),
  };
}

/** The most frequent values of an indexed column (GROUP BY walks its index without a sort). */
export function topValuesOf(db: Database, column: 'actor' | 'action', where: string, params: Param[], limit: number): [string | null, number][] {
  const res = db.exec(`SELECT ${column}, count(*) AS c FROM events ${where} GROUP BY ${column} ORDER BY c DESC, ${column} LIMIT ${limit}`, params)[0];
  return (res?.values ?? []).map((r) => [r[0] == null ? null : String(r[0]), Number(r[1])]);
}

/** One pass over the rows: each row's src, atype and outcome, then the given text columns. */
export function scanRows(
  db: Database,
  columns: readonly string[],
  where: string,
  params: Param[],
  each: (r: [number, number, number, ...(string | null)[]]) => void,
): void {
  const stmt = db.prepare(`SELECT ${['src', 'atype', 'outcome', ...columns].join(', ')} FROM events ${where}`);
  try {
    stmt.bind(params);
    while (stmt.step()) each(stmt.get() as [number, number, number, ...(string | null)[]]);
  } finally {
    stmt.free();
  }
}
