// Above the timeline: hero metrics and the histogram of the current filter, and (toggled with the
// Facets button or Alt+F) the facet panel. Aggregates run in the engine worker; stale answers are dropped.
import { useEffect, useState } from 'react';
import type { EventQuery } from '../../../shared/query';
import { withoutFieldClauses, type FilterMode } from '../../../shared/ql-text';
import { tryParseQuery } from '../../../shared/ql';
import type { Facet } from '../../../shared/investigate';
import type { AuditDeskApi } from '../../../shared/contract';
import type { Condition } from '../../../shared/query';
import { useBackend } from '../api/BackendContext';
import { FacetPanel } from './FacetPanel';
import { HeroMetrics } from './HeroMetrics';
import { TimeHistogram } from './TimeHistogram';
import { useApiCall } from './useApiCall';
import './overview.css';

interface Props {
  query: EventQuery;
  revision: number;
  /** The filter is being edited: the numbers shown are still the previous filter's. */
  pending: boolean;
  onChip(c: Condition, mode: FilterMode): void;
  onRange(from: string, to: string): void;
  onResetRange(): void;
}

/** Facets of the query; a field the query picks values of is counted without that pick (to Ctrl+click more). */
async function multiSelectFacets(api: AuditDeskApi, query: EventQuery): Promise<Facet[]> {
  const all = await api.facets({ query, limit: 6 });
  const parsed = tryParseQuery(query.q ?? '');
  if (!parsed.tree) return all;
  return Promise.all(
    all.map(async (f) => {
      const rest = withoutFieldClauses(query.q!, f.field);
      if (rest === null) return f;
      const [own] = await api.facets({ query: { ...query, q: rest }, fields: [f.field], limit: 6 });
      return own ?? f;
    }),
  );
}

export function Overview({ query, revision, pending, onChip, onRange, onResetRange }: Props) {
  const { api } = useBackend();
  const key = JSON.stringify({ ...query, order: undefined });
  const summary = useApiCall(() => api.summarize(query), [api, key, revision]);
  const hist = useApiCall(() => api.histogram({ query }), [api, key, revision]);
  const [showFacets, setShowFacets] = useState(false);
  // Old numbers stay (dimmed) while new ones are worked out, rather than showing as current.
  const stale = pending || summary.loading || hist.loading;
  const facets = useApiCall(() => (showFacets ? multiSelectFacets(api, query) : Promise.resolve(null)), [api, key, revision, showFacets]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        setShowFacets((v) => !v);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div className="overview" data-testid="overview">
      <div className={`overview-row${stale ? ' pending' : ''}`} data-pending={stale} aria-busy={stale}>
        <HeroMetrics s={summary.data} />
        <TimeHistogram h={hist.data} onRange={onRange} onReset={onResetRange} zoomed={Boolean(query.from || query.to)} />
        <button className="facets-toggle" aria-pressed={showFacets} data-testid="facets-toggle" onClick={() => setShowFacets((v) => !v)} title="Alt+F">
          Facets
        </button>
      </div>
      {(summary.error || hist.error) && <div className="form-error">{summary.error ?? hist.error}</div>}
      {showFacets && <FacetPanel facets={facets.data} onPick={onChip} />}
    </div>
  );
}
