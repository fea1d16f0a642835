import { memo } from 'react';
import type { EventRow } from '../../../shared/event';
import type { Condition, QueryField } from '../../../shared/query';
import { targetText } from './columns';
import { OutcomeBadge } from './OutcomeBadge';
import { TimeCell } from './TimeCell';
import { MatchLine } from './MatchLine';

interface Props {
  index: number;
  row: EventRow | undefined;
  top: number;
  height: number;
  selected: boolean;
  expanded: boolean;
  onClick(index: number): void;
  /** Alt+click on a cell: filter on its value. */
  /** Alt+click on a cell filters for its value, Alt+Shift+click filters it out. */
  onCellFilter?(c: Condition, mode: 'for' | 'out'): void;
}

function Cell({ text, className = '', field, value }: { text: string | null; className?: string; field?: QueryField; value?: string | null }) {
  const v = value === undefined ? text : value;
  return (
    <span className={`cell ${className}`} title={text ?? undefined} data-ff={field && v ? field : undefined} data-fv={field && v ? v : undefined}>
      {text}
    </span>
  );
}

export const TimelineRow = memo(function TimelineRow({ index, row, top, height, selected, expanded, onClick, onCellFilter }: Props) {
  const cls = `row${index % 2 ? ' odd' : ''}${selected ? ' selected' : ''}${expanded ? ' expanded' : ''}`;
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
      role="row"
      aria-selected={selected}
      onClick={(e) => {
        const cell = (e.target as HTMLElement).closest<HTMLElement>('[data-ff]');
        if (e.altKey && cell && onCellFilter) {
          onCellFilter({ field: cell.dataset.ff as QueryField, op: 'eq', value: cell.dataset.fv ?? '' }, e.shiftKey ? 'out' : 'for');
          return;
        }
        onClick(index);
      }}
    >
      <span className="cell">
        <TimeCell row={row} />
      </span>
      <span className="cell vendor" title={`${row.vendor} · ${row.source}`} data-ff="vendor" data-fv={row.vendor}>
        <b>{row.vendor}</b> <span className="muted">{row.source}</span>
      </span>
      <Cell text={row.actor} field="actor" />
      <Cell text={row.action} className="action" field="action" />
      <Cell text={targetText(row)} className="mono" field="targetId" value={row.targetId} />
      <span className="cell" data-ff="outcome" data-fv={row.outcome}>
        <OutcomeBadge outcome={row.outcome} />
        {row.flags.length > 0 && (
          <span className="row-flag" title={row.flags.join('\n')}>
            ⚑
          </span>
        )}
      </span>
      <Cell text={row.requestId} className="mono" field="requestId" />
      {row.match && <MatchLine text={row.match.text} hits={row.match.hits} />}
    </div>
  );
});
