import { OUTCOMES } from '../../../shared/event';
import { COLUMNS, type ColumnId } from './columns';
import type { TimelineFilters } from './filters';
import { zoneLabel } from '../../../shared/display-zone';
import { useDisplayZone } from '../timezone/DisplayZoneContext';

interface Props {
  filters: TimelineFilters;
  vendors: string[];
  onColumn(id: ColumnId, value: string): void;
  onToggleOrder(): void;
}

/** Column titles and, under each, its filter: contains for text, exact for the closed lists. */
export function TimelineHeader({ filters, vendors, onColumn, onToggleOrder }: Props) {
  const { zone } = useDisplayZone();
  return (
    <div className="tl-header" role="row">
      {COLUMNS.map((c) => (
        <div key={c.id} className="th" role="columnheader">
          {c.id === 'time' ? (
            <button className="th-label sort" onClick={onToggleOrder} data-testid="sort-toggle" title="Change order">
              Time ({zoneLabel(zone)}) {filters.order === 'asc' ? '▲' : '▼'}
            </button>
          ) : (
            <span className="th-label">{c.label}</span>
          )}
          {c.filter === 'text' && (
            <input
              className="col-filter"
              data-testid={`col-filter-${c.id}`}
              placeholder="contains…"
              value={filters.columns[c.id] ?? ''}
              onChange={(e) => onColumn(c.id, e.target.value)}
              spellCheck={false}
            />
          )}
          {c.filter === 'select' && (
            <select
              className="col-filter"
              data-testid={`col-filter-${c.id}`}
              value={filters.columns[c.id] ?? ''}
              onChange={(e) => onColumn(c.id, e.target.value)}
            >
              <option value="">all</option>
              {(c.id === 'outcome' ? OUTCOMES : vendors).map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </select>
          )}
          {c.filter === 'none' && <span className="col-filter-none muted">{zone === 'UTC' ? 'UTC · original in tooltip' : 'UTC and original in tooltip'}</span>}
        </div>
      ))}
    </div>
  );
}
