// Saved views in the case's saved_views table (schema.ts): JSON state by name, saved through the
// annotations journal (store/annotation-journal.ts) like bookmarks and tags.
import type { SavedView } from '../../../shared/views';
import { normaliseViewName, normaliseViewState } from '../../../shared/views';
import type { CaseStore } from '../store/case-store';

function rowToView(r: unknown[]): SavedView {
  return { name: String(r[0]), state: normaliseViewState(JSON.parse(String(r[1]))), createdAt: String(r[2]), updatedAt: String(r[3]) };
}

export function listViews(store: CaseStore): SavedView[] {
  return store.viewRows().map(rowToView);
}

function find(store: CaseStore, name: string): SavedView | null {
  const r = store.viewRow(name);
  return r ? rowToView(r) : null;
}

function row(v: SavedView): [string, string, string] {
  return [JSON.stringify(v.state), v.createdAt, v.updatedAt];
}

export function saveView(store: CaseStore, p: { name: string; state: unknown; overwrite?: boolean }): SavedView {
  const name = normaliseViewName(p.name);
  const state = normaliseViewState(p.state);
  store.changeAnnotations(() => {
    const existing = find(store, name);
    if (existing && !p.overwrite) throw new Error(`a view named "${name}" already exists: choose another name or replace it`);
    const now = new Date().toISOString();
    return { k: 'v', set: [[name, row({ name, state, createdAt: existing?.createdAt ?? now, updatedAt: now })]] };
  });
  return find(store, name)!;
}

export function renameView(store: CaseStore, p: { from: string; to: string }): SavedView {
  const from = normaliseViewName(p.from);
  const to = normaliseViewName(p.to);
  store.changeAnnotations(() => {
    const view = find(store, from);
    if (!view) throw new Error(`no view named "${from}" in this case`);
    if (from !== to && find(store, to)) throw new Error(`a view named "${to}" already exists`);
    // One line: a crash never leaves the view under both names or under neither.
    return {
      k: 'v',
      set: [
        [from, null],
        [to, row({ ...view, updatedAt: new Date().toISOString() })],
      ],
    };
  });
  return find(store, to)!;
}

export function deleteView(store: CaseStore, p: { name: string }): { deleted: boolean } {
  const name = normaliseViewName(p.name);
  let had = false;
  store.changeAnnotations(() => {
    had = find(store, name) !== null;
    return had ? { k: 'v', set: [[name, null]] } : null;
  });
  return { deleted: had };
}
