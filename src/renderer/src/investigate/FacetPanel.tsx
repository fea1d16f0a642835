// Top values per field for the current filter. A value filters for itself (click, Enter), ORs itself with
// the field's values already picked (Ctrl+click, Ctrl+Enter), or filters itself out (the − button, or "-").
import type { Facet } from '../../../shared/investigate';
import type { Condition } from '../../../shared/query';
import type { FilterMode } from '../../../shared/ql-text';
import { fmtCount } from '../util/format';

export function FacetPanel({ facets, onPick }: { facets: Facet[] | null; onPick(c: Condition, mode: FilterMode): void }) {
  if (!facets) return <div className="facets muted small">counting…</div>;
  return (
    <div className="facets" data-testid="facets">
      {facets.map((f) => {
        const max = Math.max(1, ...f.values.map((v) => v.count));
        return (
          <div key={f.field} className="facet" data-testid={`facet-${f.field}`}>
            <div className="facet-title">{f.field.replace(/([a-z])([A-Z])/g, '$1 $2')}</div>
            {f.values.map((v) => {
              const pick = (mode: FilterMode) => v.value !== null && onPick({ field: f.field, op: 'eq', value: v.value }, mode);
              return (
                <div key={v.value ?? '\u0000'} className="facet-row">
                  <button
                    className="facet-value"
                    disabled={v.value === null}
                    data-value={v.value ?? ''}
                    data-count={v.count}
                    title={
                      v.value === null
                        ? 'events without a value'
                        : `filter for ${f.field} = ${v.value} (Ctrl: OR it with the ${f.field} already picked; "-": filter it out)`
                    }
                    onClick={(e) => pick(e.ctrlKey || e.metaKey ? 'or' : 'for')}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                        e.preventDefault();
                        pick('or');
                      } else if (e.key === '-') {
                        e.preventDefault();
                        pick('out');
                      }
                    }}
                  >
                    <span className="facet-bar" style={{ width: `${(v.count / max) * 100}%` }} />
                    <span className="facet-label mono" title={v.value ?? undefined}>
                      {v.value ?? '(none)'}
                    </span>
                    <span className="facet-count">{fmtCount(v.count)}</span>
                  </button>
                  {v.value !== null && (
                    <button
                      className="facet-out icon"
                      tabIndex={-1}
                      aria-label={`Filter out ${f.field} ${v.value}`}
                      title="filter out (or press - on the value)"
                      onClick={() => pick('out')}
                    >
                      −
                    </button>
                  )}
                </div>
              );
            })}
          </div>
        );
      })}
    </div>
  );
}
