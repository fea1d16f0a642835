// Side panel of the case's saved views: save the current timeline state under a name, reopen, rename
// or delete one, and choose which columns the timeline shows. Toggled with the Views button or Alt+V.
import { useState } from 'react';
import type { SavedView } from '../../../shared/views';
import { useBackend } from '../api/BackendContext';
import { useApiCall } from '../investigate/useApiCall';
import { errorMessage } from '../util/format';
import { COLUMNS, type ColumnId } from '../timeline/columns';
import './views.css';

interface Props {
  /** The open view's name (from the address), marked in the list. */
  current: string | null;
  hidden: ColumnId[];
  onHidden(next: ColumnId[]): void;
  onSave(name: string, overwrite: boolean): Promise<SavedView>;
  onOpen(view: SavedView): void;
  onClose(): void;
}

export function ViewsPanel({ current, hidden, onHidden, onSave, onOpen, onClose }: Props) {
  const { api } = useBackend();
  const [revision, setRevision] = useState(0);
  const [name, setName] = useState('');
  const [renaming, setRenaming] = useState<{ from: string; to: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const list = useApiCall(() => api.listViews(), [api, revision]);
  const views = list.data ?? [];

  const act = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
      setRevision((r) => r + 1);
      return true;
    } catch (e) {
      setError(errorMessage(e));
      return false;
    }
  };
  const save = async () => {
    const exists = views.some((v) => v.name === name.trim());
    if (exists && !window.confirm(`Replace the saved view "${name.trim()}" with the current filters?`)) return;
    if (await act(() => onSave(name, exists))) setName('');
  };

  return (
    <aside className="views-panel annotations-panel" data-testid="views-panel" aria-label="Saved views">
      <header>
        <b>Saved views</b>
        <span className="spacer" />
        <button className="icon" onClick={onClose} title="Close (Alt+V)" aria-label="Close saved views">
          ×
        </button>
      </header>
      <form
        className="ann-filters"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <input
          data-testid="view-name"
          placeholder="name the current filters…"
          value={name}
          autoFocus
          maxLength={100}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" data-testid="view-save" disabled={!name.trim()}>
          Save
        </button>
      </form>
      {(error ?? list.error) && (
        <div className="form-error" role="alert" data-testid="views-error">
          {error ?? list.error}
        </div>
      )}
      <ul className="ann-list views-list" data-testid="views-list" data-count={list.data ? views.length : ''}>
        {views.map((v) => (
          <li key={v.name} className={v.name === current ? 'current' : ''}>
            {renaming?.from === v.name ? (
              <form
                className="view-rename"
                onSubmit={(e) => {
                  e.preventDefault();
                  void act(() => api.renameView(renaming)).then((ok) => ok && setRenaming(null));
                }}
              >
                <input
                  data-testid="view-rename-input"
                  value={renaming.to}
                  autoFocus
                  maxLength={100}
                  onChange={(e) => setRenaming({ ...renaming, to: e.target.value })}
                  onKeyDown={(e) => e.key === 'Escape' && setRenaming(null)}
                />
              </form>
            ) : (
              <button className="ann-item" data-testid="saved-view" data-name={v.name} onClick={() => onOpen(v)} title="Open this view">
                <span className="ann-line">
                  <b>{v.name}</b>
                </span>
                <span className="ann-line muted small">{summary(v)}</span>
              </button>
            )}
            <span className="view-actions">
              <button
                className="icon"
                data-testid="view-rename"
                aria-label={`Rename ${v.name}`}
                title="Rename"
                onClick={() => setRenaming({ from: v.name, to: v.name })}
              >
                ✎
              </button>
              <button
                className="icon"
                data-testid="view-delete"
                aria-label={`Delete ${v.name}`}
                title="Delete"
                onClick={() => window.confirm(`Delete the saved view "${v.name}"?`) && void act(() => api.deleteView({ name: v.name }))}
              >
                ×
              </button>
            </span>
          </li>
        ))}
        {list.data && views.length === 0 && <li className="muted small view-empty">No saved views yet.</li>}
      </ul>
      <fieldset className="view-columns">
        <legend className="small muted">Columns shown</legend>
        {COLUMNS.filter((c) => c.id !== 'time').map((c) => (
          <label key={c.id}>
            <input
              type="checkbox"
              data-testid={`column-toggle-${c.id}`}
              checked={!hidden.includes(c.id)}
              onChange={(e) => onHidden(e.target.checked ? hidden.filter((h) => h !== c.id) : [...hidden, c.id])}
            />
            {c.label}
          </label>
        ))}
      </fieldset>
    </aside>
  );
}

function summary(v: SavedView): string {
  const f = v.state.filters;
  const parts = [
    ...f.chips.map((c) => `${c.field}${c.op === 'eq' ? '=' : '~'}${c.value}`),
    ...Object.entries(f.columns).map(([k, val]) => `${k}~${val}`),
    f.text && `"${f.text}"`,
    f.search && `search ${f.search}`,
    (f.from || f.to) && `${f.from || '…'} → ${f.to || '…'}`,
    f.tag && `#${f.tag}`,
    f.bookmarked && '★',
    f.noted && 'noted',
    f.order === 'desc' && 'newest first',
  ].filter(Boolean);
  return parts.join(' · ') || 'all events';
}
