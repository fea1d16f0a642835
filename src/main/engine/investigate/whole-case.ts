// The unfiltered overview (hero metrics and facets) from the case's running counts (whole-case-tally.ts)
// instead of full scans. Counts missing (a case imported before they were kept, or changed by a write
// that could not keep them up) are made from the rows in one pass, kept, and saved with the case.
import type { FacetField, QuerySummary } from '../../../shared/investigate';
import { ACTOR_TYPES, OUTCOMES } from '../../../shared/event';
import type { CaseStore } from '../store/case-store';
import { type WholeCaseTally, type TallyColumn, type TallyHead, type ValueCounts } from '../store/whole-case-tally';
import { encodeOutcome } from '../store/schema';

/** The overview of the whole case, or null when it has too many distinct values to count in memory. */
export function wholeCaseHead(store: CaseStore): TallyHead | null {
  const kept = store.wholeCaseHead();
  if (kept) return kept;
  const tally = countRows(store);
  if (!tally) return null;
  store.keepWholeCaseTally(tally);
  return tally.head();
}

/** Counts the whole case from its rows; null when a column has too many distinct values. */
export function countRows(store: CaseStore): WholeCaseTally | null {
  return store.countWholeCase();
}

export function summaryOf(h: TallyHead): QuerySummary {
  return {
    total: h.events,
    failures: h.outcomes[encodeOutcome('failure')],
    warnings: h.outcomes[encodeOutcome('denied')] + h.outcomes[encodeOutcome('warning')],
    distinctActors: h.distinctActors,
  };
}

const COLUMN: Partial<Record<FacetField, TallyColumn>> = { actor: 'actor', action: 'action', targetType: 'ttype', ip: 'ip' };

/** Per facet field, its values' counts (up to HEAD_VALUES of each column: the caller takes the top ones). */
export function facetCounts(store: CaseStore, h: TallyHead, fields: readonly FacetField[]): Map<FacetField, ValueCounts> {
  const counts = new Map<FacetField, ValueCounts>();
  for (const f of fields) {
    const col = COLUMN[f];
    counts.set(f, new Map(col ? h.top[col] : []));
  }
  addCodedCounts(store, counts, h.bySource, h.actorTypes, h.outcomes);
  return counts;
}

/**
 * Adds the few-valued facets to `counts`: vendor and source from counts per source id, actor type and
 * outcome from counts per stored code. Fields `counts` has no map for are left out.
 */
export function addCodedCounts(
  store: CaseStore,
  counts: Map<FacetField, ValueCounts>,
  bySource: Iterable<[number, number]>,
  actorTypes: readonly number[],
  outcomes: readonly number[],
): void {
  const add = (f: FacetField, v: string | null, c: number) => {
    const m = counts.get(f);
    if (m) m.set(v, (m.get(v) ?? 0) + c);
  };
  for (const [src, c] of bySource) {
    const source = store.source(src);
    add('vendor', source.vendor, c);
    add('source', source.name, c);
  }
  ACTOR_TYPES.forEach((name, i) => actorTypes[i] > 0 && add('actorType', name, actorTypes[i]));
  OUTCOMES.forEach((name, i) => outcomes[i] > 0 && add('outcome', name, outcomes[i]));
}
