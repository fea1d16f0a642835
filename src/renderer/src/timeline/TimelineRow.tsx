import { memo } from 'react';
import type { EventRow } from '../../../shared/event';
import { targetText } from './columns';
import { OutcomeBadge } from './OutcomeBadge';
import { TimeCell } from './TimeCell';

interface Props {
  index: number;
  row: EventRow | undefined;
  top: number;
  height: number;
  selected: boolean;
  expanded: boolean;
  onClick(index: number): void;
}

function Cell({ text, className = '' }: { text: string | null; className?: string }) {
  return (
    <span className={`cell ${className}`} title={text ?? undefined}>
      {text}
    </span>
  );
}

export const TimelineRow = memo(function TimelineRow({ index, row, top, height, selected, expanded, onClick }: Props) {
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
      onClick={() => onClick(index)}
    >
      <span className="cell">
        <TimeCell row={row} />
      </span>
      <span className="cell vendor" title={`${row.vendor} · ${row.source}`}>
        <b>{row.vendor}</b> <span className="muted">{row.source}</span>
      </span>
      <Cell text={row.actor} />
      <Cell text={row.action} className="action" />
      <Cell text={targetText(row)} className="mono" />
      <span className="cell">
        <OutcomeBadge outcome={row.outcome} />
        {row.flags.length > 0 && (
          <span className="row-flag" title={row.flags.join('\n')}>
            ⚑
          </span>
        )}
      </span>
      <Cell text={row.requestId} className="mono" />
    </div>
  );
});
