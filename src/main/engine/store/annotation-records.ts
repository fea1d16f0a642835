// What one journal line says (annotation-journal.ts): the whole state after a change, not the change,
// so applying a line is the same whether it is made live or replayed on open, and applying it again
// changes nothing. Tables as in schema.ts.
import type { Database } from 'sql.js';

/** One event's annotations after a change: bookmark time, [tag, time] pairs, [note, time]. */
export interface EventRecord {
  k: 'e';
  id: number;
  b: string | null;
  t: [string, string][];
  n: [string, string] | null;
}

/** Saved views after a change, by name: [state JSON, created, updated], or null when gone. */
export interface ViewsRecord {
  k: 'v';
  set: [string, [string, string, string] | null][];
}

export type JournalRecord = EventRecord | ViewsRecord;

/** An event's annotations as a record (the state a change starts from). */
export function eventRecord(db: Database, id: number): EventRecord {
  const b = db.exec('SELECT created_at FROM bookmarks WHERE event_id = ?', [id])[0]?.values[0]?.[0];
  const t = (db.exec('SELECT tag, created_at FROM tags WHERE event_id = ? ORDER BY tag', [id])[0]?.values ?? []).map(
    (r) => [String(r[0]), String(r[1])] as [string, string],
  );
  const n = db.exec('SELECT text, updated_at FROM notes WHERE event_id = ?', [id])[0]?.values[0];
  return { k: 'e', id, b: b == null ? null : String(b), t, n: n ? [String(n[0]), String(n[1])] : null };
}

export function applyRecord(db: Database, rec: JournalRecord): void {
  if (rec.k === 'e') {
    db.run('DELETE FROM bookmarks WHERE event_id = ?', [rec.id]);
    db.run('DELETE FROM tags WHERE event_id = ?', [rec.id]);
    db.run('DELETE FROM notes WHERE event_id = ?', [rec.id]);
    if (rec.b != null) db.run('INSERT INTO bookmarks(event_id, created_at) VALUES (?, ?)', [rec.id, rec.b]);
    for (const [tag, at] of rec.t) db.run('INSERT OR REPLACE INTO tags(event_id, tag, created_at) VALUES (?, ?, ?)', [rec.id, tag, at]);
    if (rec.n) db.run('INSERT INTO notes(event_id, text, updated_at) VALUES (?, ?, ?)', [rec.id, rec.n[0], rec.n[1]]);
    return;
  }
  for (const [name, row] of rec.set) {
    db.run('DELETE FROM saved_views WHERE name = ?', [name]);
    if (row) db.run('INSERT INTO saved_views(name, state, created_at, updated_at) VALUES (?, ?, ?, ?)', [name, ...row]);
  }
}

export function sameRecord(a: JournalRecord, b: JournalRecord): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
