// A search's hits (event ids) kept as a bitset while the user scrolls it. Building the hit set is the
// expensive part of a common word or a short prefix (FTS4 merges every matching token's doclist): one
// pass over it gives the count, and each page then walks the time index and asks the bitset, through
// the SQL function HIT_FN, instead of SQLite rebuilding the set for the count and again for every page.
// A search of single tokens and prefixes is read from the index's segments (fts4-segments.ts), which
// skips SQLite's merge of the doclists and stepping a row per hit; phrases go through MATCH.
import type { Database } from 'sql.js';
import { toMatchExpression, type SearchTerm } from '../../../shared/search';
import { Fts4FormatError, readTokenHits } from './fts4-segments';

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

  /** segmentsReadable: no transaction is open, so the index has no pending writes outside its segments. */
  constructor(
    db: Database,
    private segmentsReadable: () => boolean,
  ) {
    db.create_function(HIT_FN, (id: number, expr: string) => {
      const set = this.sets.get(expr);
      // Loading here would run SQL inside a running statement; callers load first.
      if (!set) throw new Error(`${HIT_FN}: hits of ${expr} are not loaded`);
      return id < set.bits.length && set.bits[id] === 1 ? 1 : 0;
    });
  }

  /** The hits of a search (the key is its match expression), from the cache or read from the index now. */
  load(db: Database, terms: SearchTerm[]): HitSet {
    const expr = toMatchExpression(terms);
    const hit = this.sets.get(expr);
    if (hit) {
      // Most recently used last, so the oldest is the one dropped.
      this.sets.delete(expr);
      this.sets.set(expr, hit);
      return hit;
    }
    const max = Number(db.exec('SELECT coalesce(max(id), 0) FROM events')[0]?.values[0]?.[0] ?? 0);
    const set = (this.segmentsReadable() ? hitsFromSegments(db, terms, max + 1) : null) ?? hitsFromMatch(db, expr, max + 1);
    if (this.sets.size >= KEEP) this.sets.delete(this.sets.keys().next().value as string);
    this.sets.set(expr, set);
    return set;
  }

  /** The events or the index changed: every kept set may be wrong. */
  clear(): void {
    this.sets.clear();
  }
}

/** A token as the simple tokenizer stores it (no lone surrogate, whose UTF-8 would differ from SQLite's). */
const PLAIN_TOKEN = /^(?:[a-z0-9]|[^\x00-\x7f\p{Cs}])+$/u;

/** Every term one token (or prefix): its hits read from the segments, ANDed. null: SQLite must answer. */
export function hitsFromSegments(db: Database, terms: SearchTerm[], size: number): HitSet | null {
  if (!terms.every((t) => t.tokens.length === 1 && PLAIN_TOKEN.test(t.tokens[0]))) return null;
  const utf8 = new TextEncoder();
  try {
    let set: HitSet | null = null;
    for (const term of terms) {
      const bits = new Uint8Array(size);
      const count = readTokenHits(db, 'search', utf8.encode(term.tokens[0]), term.prefix, bits);
      if (!set) set = { count, bits };
      else {
        let both = 0;
        for (let id = 0; id < size; id++) both += set.bits[id] &= bits[id];
        set.count = both;
      }
    }
    return set;
  } catch (e) {
    if (e instanceof Fts4FormatError) return null;
    throw e;
  }
}

/** SQLite's own answer: every hit of the match expression stepped through as a row. */
export function hitsFromMatch(db: Database, expr: string, size: number): HitSet {
  const bits = new Uint8Array(size);
  let count = 0;
  const stmt = db.prepare('SELECT docid FROM search WHERE search MATCH ?');
  try {
    stmt.bind([expr]);
    while (stmt.step()) {
      const id = stmt.get()[0] as number;
      // Contentless FTS4 keeps only what it was given: ids are events', but guard the array anyway.
      if (id > 0 && id < size && bits[id] === 0) {
        bits[id] = 1;
        count++;
      }
    }
  } finally {
    stmt.free();
  }
  return { count, bits };
}
