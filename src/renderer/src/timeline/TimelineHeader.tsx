import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { ACTOR_TYPES, OUTCOMES } from '../../../shared/event';
import { columnOf, type Column, type ColumnId, type ModelColumnId } from './columns';
import type { TimelineFilters } from './filters';
import { resized, type GridLayout } from './layout';
import { zoneLabel } from '../../../shared/display-zone';
import { useDisplayZone } from '../timezone/DisplayZoneContext';
import type { SortField } from '../../../shared/query';

interface Props {
  filters: TimelineFilters;
  vendors: string[];
  layout: GridLayout;
  onLayout(next: GridLayout): void;
  onColumn(id: ColumnId, value: string): void;
  /** A click on a sortable header: sort by it, or flip the direction when it is the sort already. */
  onSort(by: SortField | 'time'): void;
  onChooser(): void;
}

const RESIZE_STEP = 16;

/** Column titles and, under each, its filter: contains for text, exact for the closed lists. */
export function TimelineHeader({ filters, vendors, layout, onLayout, onColumn, onSort, onChooser }: Props) {
  const { zone } = useDisplayZone();
  const sortedBy = filters.sort ?? 'time';
  const arrow = filters.order === 'asc' ? '▲' : '▼';
  const headRef = useRef<HTMLDivElement>(null);

  const widthOf = (id: ColumnId) => headRef.current?.querySelector<HTMLElement>(`[data-col-head="${id}"]`)?.getBoundingClientRect().width ?? 120;
  const startResize = (id: ColumnId, e: PointerEvent<HTMLElement>) => {
    e.preventDefault();
    const handle = e.currentTarget;
    handle.setPointerCapture(e.pointerId);
    const x0 = e.clientX;
    const w0 = widthOf(id);
    const move = (ev: globalThis.PointerEvent) => onLayout(resized(layout, id, w0 + ev.clientX - x0));
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
  };
  const resizeKey = (id: ColumnId, e: KeyboardEvent<HTMLElement>) => {
    const by = e.key === 'ArrowLeft' ? -RESIZE_STEP : e.key === 'ArrowRight' ? RESIZE_STEP : 0;
    if (!by) return;
    e.preventDefault();
    onLayout(resized(layout, id, widthOf(id) + by));
  };

  const label = (c: Column) => {
    const text = c.id === 'time' ? `Time (${zoneLabel(zone)})` : c.label;
    if (!c.sort) return <span className="th-label">{text}</span>;
    const active = sortedBy === c.sort;
    return (
      <button
        className={`th-label sort${active ? ' active' : ''}`}
        onClick={() => onSort(c.sort!)}
        data-testid={c.id === 'time' ? 'sort-toggle' : `sort-${c.id}`}
        aria-sort={active ? (filters.order === 'asc' ? 'ascending' : 'descending') : undefined}
        title={active ? 'Reverse the order' : `Sort by ${c.label}`}
      >
        {text} {active ? arrow : ''}
      </button>
    );
  };

  return (
    <div className="tl-header" role="row" ref={headRef}>
      {layout.map(({ id }, i) => {
        const c = columnOf(id);
        return (
          <div key={id} className="th" role="columnheader" data-col-head={id}>
            <span className="th-top">
              {label(c)}
              {i === layout.length - 1 && (
                <button
                  className="th-chooser"
                  onClick={onChooser}
                  data-testid="column-chooser-open"
                  title="Choose, order and size columns (Alt+C)"
                  aria-label="Columns"
                >
                  ⋮
                </button>
              )}
            </span>
            {c.filter === 'text' && (
              <input
                className="col-filter"
                data-testid={`col-filter-${c.id}`}
                placeholder="contains…"
                value={filters.columns[c.id as ModelColumnId] ?? ''}
                onChange={(e) => onColumn(c.id, e.target.value)}
                spellCheck={false}
              />
            )}
            {c.filter === 'select' && (
              <select
                className="col-filter"
                data-testid={`col-filter-${c.id}`}
                value={filters.columns[c.id as ModelColumnId] ?? ''}
                onChange={(e) => onColumn(c.id, e.target.value)}
              >
                <option value="">all</option>
                {(c.id === 'outcome' ? OUTCOMES : c.id === 'actorType' ? ACTOR_TYPES : vendors).map((v) => (
                  <option key={v} value={v}>
                    {v}
                  </option>
                ))}
              </select>
            )}
            {c.filter === 'none' && (
              <span className="col-filter-none muted">
                {c.id !== 'time' ? 'no filter' : zone === 'UTC' ? 'UTC · original in tooltip' : 'UTC and original in tooltip'}
              </span>
            )}
            <span
              className="th-resize"
              role="separator"
              aria-orientation="vertical"
              aria-label={`Resize ${c.label} (Left and Right arrows)`}
              tabIndex={0}
              data-testid={`resize-${c.id}`}
              onPointerDown={(e) => startResize(c.id, e)}
              onKeyDown={(e) => resizeKey(c.id, e)}
            />
          </div>
        );
      })}
    </div>
  );
}
