// Bookmarks, tags and notes on events, in the case's own tables (schema.ts). Raw records are never
// touched; an annotation names its event by id.
import type { Database } from 'sql.js';
import type { AnnotatedEvent, AnnotationChange, AnnotationFilter, AnnotationList, EventAnnotations } from '../../../shared/annotations';
import { MAX_NOTE_LENGTH, normaliseTag } from '../../../shared/annotations';
import type { CaseStore } from '../store/case-store';

function eventId(store: CaseStore, id: string): number {
  const n = Number(id);
  const exists = Number.isInteger(n) && store.withDb((db) => db.exec('SELECT 1 FROM events WHERE id = ?', [n]).length > 0);
  if (!exists) throw new Error(`no event ${id} in this case`);
  return n;
}

function read(db: Database, id: number): EventAnnotations {
  const bookmarked = db.exec('SELECT 1 FROM bookmarks WHERE event_id = ?', [id]).length > 0;
  const tags = (db.exec('SELECT tag FROM tags WHERE event_id = ? ORDER BY tag', [id])[0]?.values ?? []).map((r) => String(r[0]));
  const note = db.exec('SELECT text FROM notes WHERE event_id = ?', [id])[0]?.values[0]?.[0];
  return { id: String(id), bookmarked, tags, note: note == null ? null : String(note) };
}

export function annotationsOf(store: CaseStore, id: string): EventAnnotations {
  const n = eventId(store, id);
  return store.withDb((db) => read(db, n));
}

let lastStamp = 0;
/** Strictly increasing times, so "most recently annotated" is an order even within one millisecond. */
function stamp(): string {
  lastStamp = Math.max(Date.now(), lastStamp + 1);
  return new Date(lastStamp).toISOString();
}

/** Applies a change; returns the event's annotations after it. Validates everything before writing. */
export function annotate(store: CaseStore, c: AnnotationChange): EventAnnotations {
  const n = eventId(store, c.id);
  const add = (c.addTags ?? []).map(normaliseTag);
  const remove = (c.removeTags ?? []).map((t) => t.trim());
  if (c.note != null && c.note.length > MAX_NOTE_LENGTH) throw new Error(`a note is at most ${MAX_NOTE_LENGTH} characters`);
  const now = stamp();
  const result = store.withDb((db) => {
    if (c.bookmarked === true) db.run('INSERT OR IGNORE INTO bookmarks(event_id, created_at) VALUES (?, ?)', [n, now]);
    if (c.bookmarked === false) db.run('DELETE FROM bookmarks WHERE event_id = ?', [n]);
    for (const t of add) db.run('INSERT OR IGNORE INTO tags(event_id, tag, created_at) VALUES (?, ?, ?)', [n, t, now]);
    for (const t of remove) db.run('DELETE FROM tags WHERE event_id = ? AND tag = ?', [n, t]);
    if (c.note !== undefined) {
      const text = c.note?.trim() ? c.note : null;
      if (text === null) db.run('DELETE FROM notes WHERE event_id = ?', [n]);
      else db.run('INSERT OR REPLACE INTO notes(event_id, text, updated_at) VALUES (?, ?, ?)', [n, text, now]);
    }
    return read(db, n);
  });
  store.annotationsChanged();
  return result;
}

// Every annotated event with when it was last annotated: the union of the three tables.
const ANNOTATED = `SELECT event_id AS id, max(at) AS at FROM (
  SELECT event_id, created_at AS at FROM bookmarks
  UNION ALL SELECT event_id, created_at FROM tags
  UNION ALL SELECT event_id, updated_at FROM notes) GROUP BY event_id`;

export function listAnnotations(store: CaseStore, f: AnnotationFilter = {}): AnnotationList {
  const limit = Math.min(Math.max(f.limit ?? 500, 1), 5000);
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
  return store.withDb((db) => {
    const found = (db.exec(`SELECT a.id, a.at FROM (${ANNOTATED}) a ${where} ORDER BY a.at DESC, a.id DESC`, params)[0]?.values ?? []) as [number, string][];
    const rows = store.rowsById(found.slice(0, limit).map((r) => r[0]));
    const events: AnnotatedEvent[] = found.slice(0, limit).flatMap(([id, at]) => {
      const event = rows.get(id);
      return event ? [{ ...read(db, id), event, updatedAt: at }] : [];
    });
    const tags = (db.exec('SELECT tag, count(*) AS c FROM tags GROUP BY tag ORDER BY c DESC, tag')[0]?.values ?? []).map((r) => ({
      tag: String(r[0]),
      count: Number(r[1]),
    }));
    return { events, total: found.length, tags };
  });
}
