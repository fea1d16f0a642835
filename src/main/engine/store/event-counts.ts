// Counts over the stored events that the investigation views and sync ask for, by what they answer:
// time ranges, buckets of time, the whole case counted from its rows, the newest time of a source.
import type { Database } from 'sql.js';
import { NO_TIME } from './schema';
import { scalar } from './scalar';
import { MAX_DISTINCT, WholeCaseTally } from './whole-case-tally';

type Param = string | number | null;

/** Earliest and latest time of the rows a WHERE clause selects, and how many of them have no time. */
export function timeRangeOf(db: Database, where: string, params: Param[]): { lo: number | null; hi: number; untimed: number } {
  if (!where) {
    // Apart: SQLite reads a lone min() or max() off the time index's ends, and counts a range of it.
    const lo = scalar(db, `SELECT min(t) FROM events WHERE t < ${NO_TIME}`);
    const hi = scalar(db, `SELECT max(t) FROM events WHERE t < ${NO_TIME}`);
    return { lo: lo == null ? null : Number(lo), hi: Number(hi), untimed: Number(scalar(db, `SELECT count(*) FROM events WHERE t >= ${NO_TIME}`)) };
  }
  const r = db.exec(`SELECT min(t), max(t), count(*) FROM events ${where} AND t < ${NO_TIME}`, params)[0].values[0];
  const all = Number(scalar(db, `SELECT count(*) FROM events ${where}`, params));
  return { lo: r[0] == null ? null : Number(r[0]), hi: Number(r[1]), untimed: all - Number(r[2]) };
}

/** Timed rows a WHERE clause selects, counted per value of `group` (an SQL expression of t). */
export function countTimedBy(db: Database, group: string, where: string, params: Param[]): [number, number][] {
  const rows = db.exec(`SELECT ${group} AS b, count(*) FROM events ${where} AND t < ${NO_TIME} GROUP BY b`, params)[0]?.values ?? [];
  return rows.map((r) => [Number(r[0]), Number(r[1])]);
}

/**
 * Events of the whole case between consecutive bounds, keyed by each range's start: each a range of the
 * time index, walked in C with no sorter (a GROUP BY over a million rows sorts them in a temp B-tree).
 */
export function countTimeRanges(db: Database, bounds: readonly number[]): Map<number, number> {
  const found = new Map<number, number>();
  const stmt = db.prepare('SELECT count(*) FROM events WHERE t >= ? AND t < ?');
  try {
    for (let i = 0; i + 1 < bounds.length; i++) {
      stmt.bind([bounds[i], bounds[i + 1]]);
      stmt.step();
      found.set(bounds[i], Number(stmt.get()[0]));
      stmt.reset();
    }
  } finally {
    stmt.free();
  }
  return found;
}

/**
 * Counts the whole case from its rows; null when a column has too many distinct values. Actor and action
 * are grouped along their indexes (no sorter); the rest in one pass over the rows.
 */
export function countWholeCase(db: Database): WholeCaseTally | null {
  const tally = new WholeCaseTally();
  for (const col of ['actor', 'action'] as const) {
    const res = db.exec(`SELECT ${col}, count(*) FROM events GROUP BY ${col} LIMIT ${MAX_DISTINCT + 1}`)[0];
    const m = tally.values[col];
    for (const [v, c] of (res?.values ?? []) as [string | null, number][]) m.set(v, c);
    if (m.size > MAX_DISTINCT) return null;
  }
  const stmt = db.prepare('SELECT src, atype, outcome, ttype, ip FROM events');
  try {
    while (stmt.step()) {
      const r = stmt.get() as [number, number, number, string | null, string | null];
      if (!tally.addRow(r[0], r[1], r[2], r[3], r[4])) return null;
    }
  } finally {
    stmt.free();
  }
  return tally;
}

/** Newest event time stored from a source (ms), null when it holds none with a time. */
export function newestTimeOf(db: Database, src: number): number | null {
  const v = scalar(db, `SELECT max(t) FROM events WHERE src = ? AND t < ${NO_TIME}`, [src]);
  return v == null ? null : Number(v);
}
