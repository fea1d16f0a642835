// SQLite's answers when one database cannot grow any more, and undoing a transaction it may already
// have undone itself: on a full database or out of memory SQLite rolls the whole transaction back.
import type { Database } from 'sql.js';

/** SQLite's own messages for a database that cannot grow: full (a page limit), or out of (wasm) memory. */
const FULL = /database or disk is full|out of memory|string or blob too big|Cannot enlarge memory|OOM/i;

export function isDatabaseFull(e: unknown): boolean {
  return e instanceof Error && FULL.test(e.message);
}

/** ROLLBACK, unless SQLite already rolled the transaction back after an error. */
export function rollbackOpen(db: Database): void {
  try {
    db.run('ROLLBACK');
  } catch (e) {
    if (!/no transaction is active/.test((e as Error).message)) throw e;
  }
}

/** An import stopped because the case database is full: names the file and what was stored of it. */
export function caseFullError(e: unknown, file: string, stored: number): Error {
  return new Error(
    `${file}: the case database is full (SQLite: ${(e as Error).message}) after ${stored} of its events were stored; ` +
      'the import was rolled back and the case is as it was. Until cases are split into segments, a case holds at most what fits in one database: import the rest into another case.',
  );
}
