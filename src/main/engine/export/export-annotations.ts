// The bookmarks, tags and notes an investigator put on the exported events, for the manifest: an
// auditor sees what was said about the evidence next to the evidence.
import { idsWhere, type CaseStore } from '../store/case-store';
import type { EventQuery } from '../../../shared/query';

export interface ExportAnnotations {
  tags: { event: string; tag: string }[];
  notes: { event: string; note: string }[];
  bookmarks: string[];
}

export function exportAnnotations(store: CaseStore, query: EventQuery, ids?: number[]): ExportAnnotations {
  const { sql: where, params } = ids ? idsWhere(ids) : store.where(query);
  const scope = `event_id IN (SELECT id FROM events ${where})`;
  return store.withDb((db) => {
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
  });
}
