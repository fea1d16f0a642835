// The bookmarks, tags and notes an investigator put on the exported events, for the manifest: an
// auditor sees what was said about the evidence next to the evidence.
import type { CaseStore } from '../store/case-store';
import type { EventQuery } from '../../../shared/query';

export interface ExportAnnotations {
  tags: { event: string; tag: string }[];
  notes: { event: string; note: string }[];
  bookmarks: string[];
}

export function exportAnnotations(store: CaseStore, query: EventQuery, ids?: number[]): ExportAnnotations {
  const { sql: where, params } = ids
    ? { sql: `WHERE id IN (${ids.map(() => '?').join(',') || 'NULL'})`, params: ids }
    : store.where(query);
  const scope = `event_id IN (SELECT id FROM events ${where})`;
  return store.withDb((db) => {
    const rows = (sql: string) => (db.exec(sql, params)[0]?.values ?? []) as (string | number)[][];
    return {
      tags: rows(`SELECT event_id, tag FROM tags WHERE ${scope} ORDER BY event_id, tag`).map(([e, t]) => ({ event: String(e), tag: String(t) })),
      notes: rows(`SELECT event_id, text FROM notes WHERE ${scope} ORDER BY event_id`).map(([e, n]) => ({ event: String(e), note: String(n) })),
      bookmarks: rows(`SELECT event_id FROM bookmarks WHERE ${scope} ORDER BY event_id`).map(([e]) => String(e)),
    };
  });
}
