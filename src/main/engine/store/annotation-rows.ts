// The bookmarks, tags and notes on a set of events (a WHERE clause over events), in a stable order: what
// an export lists beside the evidence.
import type { Database } from 'sql.js';

export interface RowAnnotations {
  tags: { event: string; tag: string }[];
  notes: { event: string; note: string }[];
  bookmarks: string[];
}

export function annotationsOfRows(db: Database, where: string, params: (string | number | null)[]): RowAnnotations {
  const scope = `event_id IN (SELECT id FROM events ${where})`;
  // An empty table is not scoped: listing the exported ids costs a scan of every match.
  const rows = (columns: string, table: string, order: string) =>
    db.exec(`SELECT 1 FROM ${table} LIMIT 1`).length
      ? ((db.exec(`SELECT ${columns} FROM ${table} WHERE ${scope} ORDER BY ${order}`, params)[0]?.values ?? []) as (string | number)[][])
      : [];
  return {
    tags: rows('event_id, tag', 'tags', 'event_id, tag').map(([e, t]) => ({ event: String(e), tag: String(t) })),
    notes: rows('event_id, text', 'notes', 'event_id').map(([e, n]) => ({ event: String(e), note: String(n) })),
    bookmarks: rows('event_id', 'bookmarks', 'event_id').map(([e]) => String(e)),
  };
}
