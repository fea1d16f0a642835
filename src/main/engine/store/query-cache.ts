// What queries keep between calls until the case changes: counts per filter (a scrolling timeline asks
// for many pages of one filter), aggregates per filter (going back to an earlier filter is instant), and
// the distinct values of the indexed text columns that a "contains" filter is expanded into.
import type { Database } from 'sql.js';

const EXPANDABLE = new Set(['actor', 'action']);

export class QueryCache {
  /** Counts changes to events, annotations and indexes: copies of the database (SQL console) compare it. */
  generation = 0;
  private counts = new Map<string, number>();
  private aggregates = new Map<string, unknown>();
  /** Distinct values of the indexed text columns (null: too many). */
  private distinct = new Map<string, string[] | null>();

  constructor(private readonly db: Database) {}

  /** The case's events or annotations changed: every cached count and aggregate is stale. */
  forget(): void {
    this.generation++;
    this.counts.clear();
    this.aggregates.clear();
  }

  /** A write transaction begins or ends: the distinct values may change. */
  forgetDistinct(): void {
    this.distinct.clear();
  }

  count(key: string, compute: () => number): number {
    let total = this.counts.get(key);
    if (total === undefined) {
      total = compute();
      if (this.counts.size > 200) this.counts = new Map();
      this.counts.set(key, total);
    }
    return total;
  }

  aggregate<T>(key: string, compute: () => T): T {
    if (this.aggregates.has(key)) return this.aggregates.get(key) as T;
    const value = compute();
    if (this.aggregates.size > 300) this.aggregates.clear();
    this.aggregates.set(key, value);
    return value;
  }

  /** The values of an expandable column holding needle (at most 500), or null: filter by LIKE instead. */
  expandContains = (column: string, needle: string): string[] | null => {
    if (!EXPANDABLE.has(column)) return null;
    let values = this.distinct.get(column);
    if (values === undefined) {
      const res = this.db.exec(`SELECT DISTINCT ${column} FROM events WHERE ${column} IS NOT NULL LIMIT 50001`)[0];
      const all = (res?.values ?? []).map((r) => String(r[0]));
      values = all.length > 50_000 ? null : all;
      this.distinct.set(column, values);
    }
    if (!values) return null;
    const n = needle.toLowerCase();
    const hits = values.filter((v) => v.toLowerCase().includes(n));
    return hits.length <= 500 ? hits : null;
  };
}
