// Bookmarks, tags and notes on events, in the case's own tables (schema.ts), saved through the
// annotations journal (store/annotation-journal.ts). Raw records are never touched; an annotation
// names its event by id.
import type { Database } from 'sql.js';
import type { AnnotatedEvent, AnnotationChange, AnnotationFilter, AnnotationList, EventAnnotations } from '../../../shared/annotations';
import { MAX_NOTE_LENGTH, normaliseTag } from '../../../shared/annotations';
import type { CaseStore } from '../store/case-store';
import { eventRecord, type EventRecord } from '../store/annotation-records';

function eventId(store: CaseStore, id: string): number {
  const n = Number(id);
  const exists = Number.isInteger(n) && store.hasEvent(n);
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
  return store.withDb((db) => read(db, eventId(store, id)));
}

let lastStamp = 0;
/** Strictly increasing times, so "most recently annotated" is an order even within one millisecond. */
function stamp(): string {
  lastStamp = Math.max(Date.now(), lastStamp + 1);
  return new Date(lastStamp).toISOString();
}

/**
 * Applies a change; returns the event's annotations after it. Validates everything before writing;
 * saved to disk (annotations.jsonl) before it returns.
 */
export function annotate(store: CaseStore, c: AnnotationChange): EventAnnotations {
  let n = 0;
  store.changeAnnotations((db) => {
    n = eventId(store, c.id);
    const add = (c.addTags ?? []).map(normaliseTag);
    const remove = new Set((c.removeTags ?? []).map((t) => t.trim()));
    if (c.note != null && c.note.length > MAX_NOTE_LENGTH) throw new Error(`a note is at most ${MAX_NOTE_LENGTH} characters`);
    const before = eventRecord(db, n);
    const now = stamp();
    const next: EventRecord = { ...before, t: [...before.t] };
    if (c.bookmarked === true) next.b ??= now;
    if (c.bookmarked === false) next.b = null;
    for (const t of add) if (!next.t.some(([tag]) => tag === t)) next.t.push([t, now]);
    next.t = next.t.filter(([tag]) => !remove.has(tag)).sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
    if (c.note !== undefined) next.n = c.note?.trim() ? [c.note, now] : null;
    return JSON.stringify(next) === JSON.stringify(before) ? null : next;
  });
  return store.withDb((db) => read(db, n));
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
