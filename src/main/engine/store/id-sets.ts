// Event ids by what marks them (a tag, a bookmark, a note, a finding, a full-text match) and every
// event's segment position: what the column engine reads from the tables it does not hold.
import type { Database } from 'sql.js';
import { ColumnCursor } from './column-cursor';

export type IdSet =
  { kind: 'tag'; tag: string } | { kind: 'search'; match: string } | { kind: 'bookmarked' } | { kind: 'noted' } | { kind: 'finding'; rule: string };

function selectOf(set: IdSet): { sql: string; params: string[] } {
  switch (set.kind) {
    case 'tag':
      return { sql: 'SELECT event_id FROM tags WHERE tag = ?', params: [set.tag] };
    case 'search':
      return { sql: 'SELECT docid FROM search WHERE search MATCH ?', params: [set.match] };
    case 'bookmarked':
      return { sql: 'SELECT event_id FROM bookmarks', params: [] };
    case 'noted':
      return { sql: 'SELECT event_id FROM notes', params: [] };
    case 'finding':
      return { sql: 'SELECT event_id FROM findings WHERE rule = ?', params: [set.rule] };
  }
}

/** Calls fn with each event id of the set. */
export function eachIdOf(db: Database, set: IdSet, fn: (id: number) => void): void {
  const { sql, params } = selectOf(set);
  const cursor = ColumnCursor.open(db, sql, params, 1, 0, 8192);
  if (cursor) {
    try {
      for (let b = cursor.next(); b; b = cursor.next()) for (let i = 0; i < b.n; i++) fn(b.nums[i]);
    } finally {
      cursor.free();
    }
    return;
  }
  for (const [id] of (db.exec(sql, params)[0]?.values ?? []) as [number][]) fn(Number(id));
}

/** Calls fn with every event's id and segment position. */
export function eachPosition(db: Database, fn: (id: number, off: number, len: number) => void): void {
  const cursor = ColumnCursor.open(db, 'SELECT id, off, len FROM events', [], 3, 0, 8192);
  if (cursor) {
    try {
      for (let b = cursor.next(); b; b = cursor.next()) for (let i = 0; i < b.n; i++) fn(b.nums[3 * i], b.nums[3 * i + 1], b.nums[3 * i + 2]);
    } finally {
      cursor.free();
    }
  } else for (const [id, off, len] of (db.exec('SELECT id, off, len FROM events')[0]?.values ?? []) as number[][]) fn(id, off, len);
}
