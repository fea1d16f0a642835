// Saved views in the case's saved_views table (schema.ts): JSON state by name.
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

function find(store: CaseStore, name: string): SavedView | null {
  return store.withDb((db) => {
    const r = db.exec('SELECT name, state, created_at, updated_at FROM saved_views WHERE name = ?', [name])[0]?.values[0];
    return r ? rowToView(r) : null;
  });
}

export function saveView(store: CaseStore, p: { name: string; state: unknown; overwrite?: boolean }): SavedView {
  const name = normaliseViewName(p.name);
  const state = normaliseViewState(p.state);
  const existing = find(store, name);
  if (existing && !p.overwrite) throw new Error(`a view named "${name}" already exists: choose another name or replace it`);
  const now = new Date().toISOString();
  store.withDb((db) =>
    db.run('INSERT OR REPLACE INTO saved_views(name, state, created_at, updated_at) VALUES (?, ?, ?, ?)', [
      name,
      JSON.stringify(state),
      existing?.createdAt ?? now,
      now,
    ]),
  );
  return find(store, name)!;
}

export function renameView(store: CaseStore, p: { from: string; to: string }): SavedView {
  const from = normaliseViewName(p.from);
  const to = normaliseViewName(p.to);
  if (!find(store, from)) throw new Error(`no view named "${from}" in this case`);
  if (from !== to && find(store, to)) throw new Error(`a view named "${to}" already exists`);
  store.withDb((db) => db.run('UPDATE saved_views SET name = ?, updated_at = ? WHERE name = ?', [to, new Date().toISOString(), from]));
  return find(store, to)!;
}

export function deleteView(store: CaseStore, p: { name: string }): { deleted: boolean } {
  const name = normaliseViewName(p.name);
  const had = find(store, name) !== null;
  store.withDb((db) => db.run('DELETE FROM saved_views WHERE name = ?', [name]));
  return { deleted: had };
}
