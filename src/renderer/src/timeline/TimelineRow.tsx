import { memo, type ReactNode } from 'react';
import type { EventRow } from '../../../shared/event';
import type { Condition, QueryField } from '../../../shared/query';
import { isRaw, rawPath, targetText, type ColumnId, type RawValues } from './columns';
import type { GridLayout } from './layout';
import { OutcomeBadge } from './OutcomeBadge';
import { TimeCell } from './TimeCell';
import { MatchLine } from './MatchLine';

/** What the row shows of an event's annotations. */
export interface RowMark {
  bookmarked: boolean;
  tags: string[];
  noted: boolean;
}

interface Props {
  index: number;
  row: EventRow | undefined;
  layout: GridLayout;
  top: number;
  height: number;
  selected: boolean;
  /** In the multi-selection. */
  marked: boolean;
  mark: RowMark | undefined;
  /** Values of the raw-path columns, once read (undefined: not yet). */
  raw?: RawValues;
  expanded: boolean;
  onClick(index: number, e: { shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }): void;
  /** Alt+click on a cell: filter on its value. */
  /** Alt+click on a cell filters for its value, Alt+Shift+click filters it out. */
  onCellFilter?(c: Condition, mode: 'for' | 'out'): void;
  onContextMenu?(index: number, cell: { field: QueryField; value: string; column: ColumnId } | null, at: { x: number; y: number }): void;
}

function Cell({
  id,
  text,
  className = '',
  field,
  value,
  children,
}: {
  id: ColumnId;
  text: string | null;
  className?: string;
  field?: QueryField;
  value?: string | null;
  children?: ReactNode;
}) {
  const v = value === undefined ? text : value;
  return (
    <span className={`cell ${className}`} title={text ?? undefined} data-col={id} data-ff={field && v ? field : undefined} data-fv={field && v ? v : undefined}>
      {children ?? text}
    </span>
  );
}

function cell(id: ColumnId, row: EventRow, raw: RawValues | undefined): ReactNode {
  if (isRaw(id)) {
    const v = raw?.[rawPath(id)];
    return <Cell key={id} id={id} text={v === undefined ? '…' : v} className={`mono${v === undefined ? ' muted' : ''}`} />;
  }
  switch (id) {
    case 'time':
      return (
        <span key={id} className="cell" data-col={id}>
          <TimeCell row={row} />
        </span>
      );
    case 'vendor':
      return (
        <span key={id} className="cell vendor" data-col={id} title={`${row.vendor} · ${row.source}`} data-ff="vendor" data-fv={row.vendor}>
          <b>{row.vendor}</b> <span className="muted">{row.source}</span>
        </span>
      );
    case 'target':
      return <Cell key={id} id={id} text={targetText(row)} className="mono" field="targetId" value={row.targetId} />;
    case 'outcome':
      return (
        <span key={id} className="cell" data-col={id} data-ff="outcome" data-fv={row.outcome}>
          <OutcomeBadge outcome={row.outcome} />
          {row.flags.length > 0 && (
            <span className="row-flag" title={row.flags.join('\n')}>
              ⚑
            </span>
          )}
        </span>
      );
    case 'action':
      return <Cell key={id} id={id} text={row.action} className="action" field="action" />;
    case 'userAgent':
      return <Cell key={id} id={id} text={row.userAgent} />;
    case 'actor':
    case 'actorType':
      return <Cell key={id} id={id} text={row[id]} field={id} />;
    default:
      return <Cell key={id} id={id} text={row[id]} className="mono" field={id} />;
  }
}

/** Bookmark, tag and note markers, in the row's left gutter (outside the columns, so any layout has them). */
function Marks({ mark }: { mark: RowMark }) {
  return (
    <span className="row-marks" data-testid="row-marks">
      {mark.bookmarked && (
        <span className="mark-bookmark" title="Bookmarked" data-testid="mark-bookmark">
          ★
        </span>
      )}
      {mark.tags.length > 0 && (
        <span className="mark-tag" title={`Tags: ${mark.tags.join(', ')}`} data-testid="mark-tag">
          #
        </span>
      )}
      {mark.noted && (
        <span className="mark-note" title="Has a note" data-testid="mark-note">
          ✎
        </span>
      )}
    </span>
  );
}

export const TimelineRow = memo(function TimelineRow({
  index,
  row,
  layout,
  top,
  height,
  selected,
  marked,
  mark,
  raw,
  expanded,
  onClick,
  onCellFilter,
  onContextMenu,
}: Props) {
  const cls = `row${index % 2 ? ' odd' : ''}${selected ? ' selected' : ''}${marked ? ' marked' : ''}${expanded ? ' expanded' : ''}`;
  const style = { transform: `translateY(${top}px)`, height };
  if (!row) {
    return (
      <div className={`${cls} placeholder`} style={style} data-testid="row" data-index={index} data-loaded="false">
        <span className="cell mono muted">{index + 1}</span>
        <span className="cell">
          <span className="skeleton" />
        </span>
      </div>
    );
  }
  return (
    <div
      className={cls}
      style={style}
      data-testid="row"
      data-index={index}
      data-id={row.id}
      data-loaded="true"
      data-marked={marked || undefined}
      role="row"
      aria-selected={selected || marked}
      onClick={(e) => {
        const c = (e.target as HTMLElement).closest<HTMLElement>('[data-ff]');
        if (e.altKey && c && onCellFilter) {
          onCellFilter({ field: c.dataset.ff as QueryField, op: 'eq', value: c.dataset.fv ?? '' }, e.shiftKey ? 'out' : 'for');
          return;
        }
        onClick(index, e);
      }}
      onMouseDown={(e) => e.shiftKey && e.preventDefault() /* no text selection on Shift+click */}
      onContextMenu={(e) => {
        if (!onContextMenu) return;
        e.preventDefault();
        const c = (e.target as HTMLElement).closest<HTMLElement>('[data-col]');
        const at = { x: e.clientX, y: e.clientY };
        onContextMenu(index, c?.dataset.ff ? { field: c.dataset.ff as QueryField, value: c.dataset.fv ?? '', column: c.dataset.col as ColumnId } : null, at);
      }}
    >
      {mark && <Marks mark={mark} />}
      {layout.map((c) => cell(c.id, row, raw))}
      {row.match && <MatchLine text={row.match.text} hits={row.match.hits} />}
    </div>
  );
});
