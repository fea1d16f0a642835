// A search's hits (event ids) kept as a bitset while the user scrolls it. Building the hit set is the
// expensive part of a common word or a short prefix (FTS4 merges every matching token's doclist): one
// pass over it gives the count, and each page then walks the time index and asks the bitset, through
// the SQL function HIT_FN, instead of SQLite rebuilding the set for the count and again for every page.
import type { Database } from 'sql.js';

/** `ad_search_hit(id, matchExpression)`: 1 when the event is a hit of a search loaded with load(). */
export const HIT_FN = 'ad_search_hit';

/** A few searches at most (each is a byte per event): the one being scrolled and the ones just before. */
const KEEP = 4;

export interface HitSet {
  count: number;
  bits: Uint8Array;
}

export class SearchHits {
  private sets = new Map<string, HitSet>();

  constructor(db: Database) {
    db.create_function(HIT_FN, (id: number, expr: string) => {
      const set = this.sets.get(expr);
      // Loading here would run SQL inside a running statement; callers load first.
      if (!set) throw new Error(`${HIT_FN}: hits of ${expr} are not loaded`);
      return id < set.bits.length && set.bits[id] === 1 ? 1 : 0;
    });
  }

  /** The hits of an FTS4 match expression, from the cache or read from the index now. */
  load(db: Database, expr: string): HitSet {
    const hit = this.sets.get(expr);
    if (hit) {
      // Most recently used last, so the oldest is the one dropped.
      this.sets.delete(expr);
      this.sets.set(expr, hit);
      return hit;
    }
    const max = Number(db.exec('SELECT coalesce(max(id), 0) FROM events')[0]?.values[0]?.[0] ?? 0);
    const bits = new Uint8Array(max + 1);
    let count = 0;
    const stmt = db.prepare('SELECT docid FROM search WHERE search MATCH ?');
    try {
      stmt.bind([expr]);
      while (stmt.step()) {
        const id = stmt.get()[0] as number;
        // Contentless FTS4 keeps only what it was given: ids are events', but guard the array anyway.
        if (id > 0 && id <= max && bits[id] === 0) {
          bits[id] = 1;
          count++;
        }
      }
    } finally {
      stmt.free();
    }
    if (this.sets.size >= KEEP) this.sets.delete(this.sets.keys().next().value as string);
    const set = { count, bits };
    this.sets.set(expr, set);
    return set;
  }

  /** The events or the index changed: every kept set may be wrong. */
  clear(): void {
    this.sets.clear();
  }
}
