// Saved views in the case's saved_views table (schema.ts): JSON state by name, saved through the
// annotations journal (store/annotation-journal.ts) like bookmarks and tags.
import type { Database } from 'sql.js';
import type { SavedView } from '../../../shared/views';
import { normaliseViewName, normaliseViewState } from '../../../shared/views';
import type { CaseStore } from '../store/case-store';

function rowToView(r: unknown[]): SavedView {
  return { name: String(r[0]), state: normaliseViewState(JSON.parse(String(r[1]))), createdAt: String(r[2]), updatedAt: String(r[3]) };
}

export function listViews(store: CaseStore): SavedView[] {
  return store.withDb((db) =>
    (db.exec('SELECT name, state, created_at, updated_at FROM saved_views ORDER BY name COLLATE NOCASE')[0]?.values ?? []).map(rowToView),
  );
}

function find(db: Database, name: string): SavedView | null {
  const r = db.exec('SELECT name, state, created_at, updated_at FROM saved_views WHERE name = ?', [name])[0]?.values[0];
  return r ? rowToView(r) : null;
}

function row(v: SavedView): [string, string, string] {
  return [JSON.stringify(v.state), v.createdAt, v.updatedAt];
}

export function saveView(store: CaseStore, p: { name: string; state: unknown; overwrite?: boolean }): SavedView {
  const name = normaliseViewName(p.name);
  const state = normaliseViewState(p.state);
  store.changeAnnotations((db) => {
    const existing = find(db, name);
    if (existing && !p.overwrite) throw new Error(`a view named "${name}" already exists: choose another name or replace it`);
    const now = new Date().toISOString();
    return { k: 'v', set: [[name, row({ name, state, createdAt: existing?.createdAt ?? now, updatedAt: now })]] };
  });
  return store.withDb((db) => find(db, name)!);
}

export function renameView(store: CaseStore, p: { from: string; to: string }): SavedView {
  const from = normaliseViewName(p.from);
  const to = normaliseViewName(p.to);
  store.changeAnnotations((db) => {
    const view = find(db, from);
    if (!view) throw new Error(`no view named "${from}" in this case`);
    if (from !== to && find(db, to)) throw new Error(`a view named "${to}" already exists`);
    // One line: a crash never leaves the view under both names or under neither.
    return {
      k: 'v',
      set: [
        [from, null],
        [to, row({ ...view, updatedAt: new Date().toISOString() })],
      ],
    };
  });
  return store.withDb((db) => find(db, to)!);
}

export function deleteView(store: CaseStore, p: { name: string }): { deleted: boolean } {
  const name = normaliseViewName(p.name);
  let had = false;
  store.changeAnnotations((db) => {
    had = find(db, name) !== null;
    return had ? { k: 'v', set: [[name, null]] } : null;
  });
  return { deleted: had };
}
