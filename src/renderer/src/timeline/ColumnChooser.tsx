// Which columns the grid shows and in which order: every model field, shown ones first in their order.
// Mouse: the checkbox and the ↑/↓ buttons. Keyboard: Up/Down go through the list, Space shows or hides,
// Alt+Up/Alt+Down move the column, Escape closes (the focus goes back where it was).
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { COLUMNS, columnOf, type ColumnId } from './columns';

const MAX_LISTED = 200;
import { moved, toggled, type GridLayout } from './layout';
import { useReturnFocus } from '../util/useReturnFocus';

interface Props {
  layout: GridLayout;
  /** Paths seen in the case's raw records; null while they are being read. */
  rawPaths: string[] | null;
  onLayout(next: GridLayout): void;
  onClose(): void;
}

export function ColumnChooser({ layout, rawPaths, onLayout, onClose }: Props) {
  const [find, setFind] = useState('');
  const findRef = useRef<HTMLInputElement>(null);
  useReturnFocus();
  const listRef = useRef<HTMLUListElement>(null);
  const shown = layout.map((c) => c.id);
  const order: ColumnId[] = [...shown, ...COLUMNS.map((c) => c.id).filter((id) => !shown.includes(id))];
  const box = (id: ColumnId) => listRef.current?.querySelector<HTMLInputElement>(`[data-testid="column-show-${id}"]`);
  // After a move the list re-renders first; walking the list focuses at once, so fast keys are not lost.
  const focusBox = (id: ColumnId) => void requestAnimationFrame(() => box(id)?.focus());
  // Once, on opening: the first column gets the focus.
  useEffect(() => focusBox(order[0]), []);

  const move = (id: ColumnId, by: number) => {
    onLayout(moved(layout, id, by));
    focusBox(id);
  };
  const onKey = (id: ColumnId, e: KeyboardEvent) => {
    const at = order.indexOf(id);
    if ((e.key === 'ArrowUp' || e.key === 'ArrowDown') && e.altKey) {
      e.preventDefault();
      if (shown.includes(id)) move(id, e.key === 'ArrowUp' ? -1 : 1);
    } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      e.preventDefault();
      box(order[Math.max(0, Math.min(order.length - 1, at + (e.key === 'ArrowUp' ? -1 : 1)))])?.focus();
    }
  };

  return (
    <div
      className="column-chooser"
      role="dialog"
      aria-label="Columns"
      data-testid="column-chooser"
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        onClose();
      }}
    >
      <div className="cc-head">
        <b>Columns</b>
        <span className="muted small">Space: show/hide · Alt+↑/↓: move · Esc: close</span>
        <button onClick={onClose} data-testid="column-chooser-close" aria-label="Close">
          ✕
        </button>
      </div>
      <ul ref={listRef}>
        {order.map((id) => {
          const on = shown.includes(id);
          const i = shown.indexOf(id);
          return (
            <li key={id} data-testid="column-choice" data-col={id} data-shown={on} onKeyDown={(e) => onKey(id, e)}>
              <label>
                <input
                  type="checkbox"
                  data-testid={`column-show-${id}`}
                  checked={on}
                  disabled={on && shown.length === 1}
                  onChange={(e) => onLayout(toggled(layout, id, e.target.checked))}
                />
                {columnOf(id).label}
              </label>
              <button
                tabIndex={-1}
                disabled={!on || i === 0}
                onClick={() => move(id, -1)}
                data-testid={`column-up-${id}`}
                aria-label={`Move ${columnOf(id).label} left`}
              >
                ↑
              </button>
              <button
                tabIndex={-1}
                disabled={!on || i === shown.length - 1}
                onClick={() => move(id, 1)}
                data-testid={`column-down-${id}`}
                aria-label={`Move ${columnOf(id).label} right`}
              >
                ↓
              </button>
            </li>
          );
        })}
      </ul>
      <div className="cc-raw">
        <b className="small">Raw record fields</b>
        <input
          type="search"
          placeholder="find a path, e.g. userIdentity"
          data-testid="column-raw-find"
          value={find}
          onChange={(e) => setFind(e.target.value)}
          ref={findRef}
          spellCheck={false}
        />
        {rawPaths === null ? (
          <p className="muted small">reading the paths of each source…</p>
        ) : (
          <RawList
            paths={rawPaths.filter((p) => p.toLowerCase().includes(find.toLowerCase()) && !shown.includes(`raw:${p}`))}
            onAdd={(p) => {
              onLayout(toggled(layout, `raw:${p}`, true));
              // The added path leaves the list: the focus goes back to the find box, not to the page.
              findRef.current?.focus();
            }}
          />
        )}
      </div>
    </div>
  );
}

function RawList({ paths, onAdd }: { paths: string[]; onAdd(path: string): void }) {
  return (
    <ul className="cc-raw-list" data-testid="column-raw-list">
      {paths.slice(0, MAX_LISTED).map((p) => (
        <li key={p}>
          <button className="mono" data-testid="column-raw-add" data-path={p} onClick={() => onAdd(p)} title="Add as a column">
            + {p}
          </button>
        </li>
      ))}
      {paths.length > MAX_LISTED && <li className="muted small">{paths.length - MAX_LISTED} more: type to narrow</li>}
      {!paths.length && <li className="muted small">no other path matches</li>}
    </ul>
  );
}
