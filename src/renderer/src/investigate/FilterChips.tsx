// The exact-value filters (from cells, facets and traces) as removable chips.
import type { Condition } from '../../../shared/query';
import { conditionLabel } from '../../../shared/query';

export function FilterChips({ chips, onRemove }: { chips: Condition[]; onRemove(c: Condition): void }) {
  if (!chips.length) return null;
  return (
    <div className="chips" data-testid="filter-chips" aria-label="Filters">
      {chips.map((c) => (
        <span key={conditionLabel(c)} className="chip" data-testid="chip" data-field={c.field} data-value={c.value}>
          <span className="mono">{conditionLabel(c)}</span>
          <button className="icon" aria-label={`Remove filter ${conditionLabel(c)}`} onClick={() => onRemove(c)}>
            ×
          </button>
        </span>
      ))}
    </div>
  );
}
