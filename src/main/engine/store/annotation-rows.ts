// Bookmarks, tags and notes as rows: of one event, of a set of events (what an export lists beside the
// evidence), every annotated event, and the tags in use.
import type { Database } from 'sql.js';
import type { AnnotationFilter } from '../../../shared/annotations';

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

/** One event's bookmark, tags (sorted) and note. */
export function annotationsOfEvent(db: Database, id: number): { bookmarked: boolean; tags: string[]; note: string | null } {
  const bookmarked = db.exec('SELECT 1 FROM bookmarks WHERE event_id = ?', [id]).length > 0;
  const tags = (db.exec('SELECT tag FROM tags WHERE event_id = ? ORDER BY tag', [id])[0]?.values ?? []).map((r) => String(r[0]));
  const note = db.exec('SELECT text FROM notes WHERE event_id = ?', [id])[0]?.values[0]?.[0];
  return { bookmarked, tags, note: note == null ? null : String(note) };
}

// Every annotated event with when it was last annotated: the union of the three tables.
const ANNOTATED = `SELECT event_id AS id, max(at) AS at FROM (
  SELECT event_id, created_at AS at FROM bookmarks
  UNION ALL SELECT event_id, created_at FROM tags
  UNION ALL SELECT event_id, updated_at FROM notes) GROUP BY event_id`;

/** Annotated events (id, when last annotated) of a kind, tag or text, newest first. */
export function annotatedEvents(db: Database, f: Pick<AnnotationFilter, 'kind' | 'tag' | 'text'>): [number, string][] {
  const conds: string[] = [];
  const params: string[] = [];
  if (f.kind === 'bookmark') conds.push('a.id IN (SELECT event_id FROM bookmarks)');
  if (f.kind === 'tag') conds.push('a.id IN (SELECT event_id FROM tags)');
  if (f.kind === 'note') conds.push('a.id IN (SELECT event_id FROM notes)');
  if (f.tag) {
    conds.push('a.id IN (SELECT event_id FROM tags WHERE tag = ?)');
    params.push(f.tag);
  }
  const text = f.text?.trim().toLowerCase();
  if (text) {
    const like = `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    conds.push(`(a.id IN (SELECT event_id FROM tags WHERE lower(tag) LIKE ? ESCAPE '\\')
      OR a.id IN (SELECT event_id FROM notes WHERE lower(text) LIKE ? ESCAPE '\\')
      OR a.id IN (SELECT id FROM events WHERE id = a.id AND (lower(actor) LIKE ? ESCAPE '\\' OR lower(action) LIKE ? ESCAPE '\\' OR lower(tid) LIKE ? ESCAPE '\\')))`);
    params.push(like, like, like, like, like);
  }
  const where = conds.length ? `WHERE ${conds.join(' AND ')}` : '';
  return (db.exec(`SELECT a.id, a.at FROM (${ANNOTATED}) a ${where} ORDER BY a.at DESC, a.id DESC`, params)[0]?.values ?? []) as [number, string][];
}

/** Every tag with how many events carry it, most used first. */
export function tagCounts(db: Database): { tag: string; count: number }[] {
  return (db.exec('SELECT tag, count(*) AS c FROM tags GROUP BY tag ORDER BY c DESC, tag')[0]?.values ?? []).map((r) => ({
    tag: String(r[0]),
    count: Number(r[1]),
  }));
}
