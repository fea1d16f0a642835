// Keeping the full-text index (search-index.ts) caught up with the events: it is filled in id order,
// a chunk per transaction, and meta's search_upto says how far it reaches.
import type { Database } from 'sql.js';
import type { Catalog } from './catalog';
import type { Segment } from './segment';
import { decodeEntry } from './extras';
import { CREATE_SEARCH, searchText } from './search-index';
import { scalar } from './scalar';
import { rollbackOpen } from './sqlite-full';

function searchUpto(catalog: Catalog): number {
  return Number(catalog.meta('search_upto') ?? 0);
}

/** Events not yet in the full-text index (all of them before the first search). */
export function searchPending(db: Database, catalog: Catalog): number {
  return Number(scalar(db, 'SELECT count(*) FROM events WHERE id > ?', [searchUpto(catalog)]));
}

/** Indexes up to `limit` more events in id order; returns how many were added. */
export function indexSearchChunk(db: Database, segment: Segment, catalog: Catalog, limit: number): number {
  const upto = searchUpto(catalog);
  if (upto === 0 || !hasSearchTable(db)) createSearch(db);
  const read = db.prepare('SELECT id, off, len FROM events WHERE id > ? ORDER BY id LIMIT ?');
  const ins = db.prepare('INSERT INTO search(docid, body) VALUES (?, ?)');
  let last = upto;
  let added = 0;
  db.run('BEGIN');
  try {
    read.bind([upto, limit]);
    while (read.step()) {
      const [id, off, len] = read.get() as [number, number, number];
      let text = '';
      try {
        text = searchText(decodeEntry(segment.read(off, len)).raw);
      } catch {
        // A damaged record is not searchable; it is named wherever it is shown (toRow).
      }
      ins.run([id, text]);
      last = id;
      added++;
    }
    catalog.setMeta('search_upto', String(last));
    db.run('COMMIT');
  } catch (e) {
    rollbackOpen(db);
    throw e;
  } finally {
    read.free();
    ins.free();
  }
  return added;
}

/**
 * Automerge: FTS4 otherwise merges 16 segments of a level in one go when a chunk's flush fills the
 * level (seconds at 1M events, a stall of whatever waits behind that chunk); with it each commit
 * does a share of the merging, proportional to what it wrote.
 */
function createSearch(db: Database): void {
  const existed = hasSearchTable(db);
  db.run(CREATE_SEARCH);
  if (!existed) db.run(`INSERT INTO search(search) VALUES ('automerge=8')`);
}

function hasSearchTable(db: Database): boolean {
  return scalar(db, "SELECT 1 FROM sqlite_master WHERE name = 'search'") !== null;
}
