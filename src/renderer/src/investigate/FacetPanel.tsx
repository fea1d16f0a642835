// Top values per field for the current filter; a value is a button that adds it as a filter chip.
import type { Facet } from '../../../shared/investigate';
import type { Condition } from '../../../shared/query';
import { fmtCount } from '../util/format';

export function FacetPanel({ facets, onPick }: { facets: Facet[] | null; onPick(c: Condition): void }) {
  if (!facets) return <div className="facets muted small">counting…</div>;
  return (
    <div className="facets" data-testid="facets">
      {facets.map((f) => {
        const max = Math.max(1, ...f.values.map((v) => v.count));
        return (
          <div key={f.field} className="facet" data-testid={`facet-${f.field}`}>
            <div className="facet-title">{f.field.replace(/([a-z])([A-Z])/g, '$1 $2')}</div>
            {f.values.map((v) => (
              <button
                key={v.value ?? '\u0000'}
                className="facet-value"
                disabled={v.value === null}
                data-value={v.value ?? ''}
                data-count={v.count}
                title={v.value === null ? 'events without a value' : `filter ${f.field} = ${v.value}`}
                onClick={() => v.value !== null && onPick({ field: f.field, op: 'eq', value: v.value })}
              >
                <span className="facet-bar" style={{ width: `${(v.count / max) * 100}%` }} />
                <span className="facet-label mono">{v.value ?? '(none)'}</span>
                <span className="facet-count">{fmtCount(v.count)}</span>
              </button>
            ))}
          </div>
        );
      })}
    </div>
  );
}
