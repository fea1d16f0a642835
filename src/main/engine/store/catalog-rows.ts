// The catalog's small tables other than sources, as rows: saved views, sync state per sync source, and
// the findings of the last detection run. Callers own what the JSON in them means.
import type { Database } from 'sql.js';
import { rollbackOpen } from './sqlite-full';

/** A saved view's row: name, state (JSON), created_at, updated_at. */
export type ViewRow = [string, string, string, string];

export function viewRows(db: Database): ViewRow[] {
  return (db.exec('SELECT name, state, created_at, updated_at FROM saved_views ORDER BY name COLLATE NOCASE')[0]?.values ?? []).map(asViewRow);
}

export function viewRow(db: Database, name: string): ViewRow | null {
  const r = db.exec('SELECT name, state, created_at, updated_at FROM saved_views WHERE name = ?', [name])[0]?.values[0];
  return r ? asViewRow(r) : null;
}

function asViewRow(r: unknown[]): ViewRow {
  return [String(r[0]), String(r[1]), String(r[2]), String(r[3])];
}

/** A sync source's row: name, source_id, settings, state and report (JSON; report may be null). */
export type SyncStateRow = [string, number | null, string, string, string | null];

export function syncStateRows(db: Database, name?: string): SyncStateRow[] {
  const res =
    name === undefined
      ? db.exec('SELECT name, source_id, settings, state, report FROM sync_sources ORDER BY name')[0]
      : db.exec('SELECT name, source_id, settings, state, report FROM sync_sources WHERE name = ?', [name])[0];
  return (res?.values ?? []).map((r) => [String(r[0]), r[1] == null ? null : Number(r[1]), String(r[2]), String(r[3]), r[4] == null ? null : String(r[4])]);
}

export function writeSyncStateRow(db: Database, r: SyncStateRow): void {
  db.run('INSERT OR REPLACE INTO sync_sources(name, source_id, settings, state, report, updated_at) VALUES (?,?,?,?,?,?)', [...r, new Date().toISOString()]);
}

/** Replaces every finding, and the run's summary under a meta key, in one transaction. */
export function replaceFindings(db: Database, hits: Iterable<[string, readonly number[]]>, metaKey: string, summary: string): void {
  db.run('BEGIN');
  try {
    db.run('DELETE FROM findings');
    const ins = db.prepare('INSERT OR IGNORE INTO findings(rule, event_id) VALUES (?, ?)');
    try {
      for (const [rule, ids] of hits) for (const id of ids) ins.run([rule, id]);
    } finally {
      ins.free();
    }
    db.run('INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)', [metaKey, summary]);
    db.run('COMMIT');
  } catch (e) {
    rollbackOpen(db);
    throw e;
  }
}
