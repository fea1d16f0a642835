// Aggregates over the current filter: hero metrics and facets (top values per field), one SQL pass over
// the filtered rows with the same WHERE as the timeline's pages; the whole case's come from its running
// counts (whole-case.ts). The time histogram is in histogram.ts.
import type { EventQuery } from '../../../shared/query';
import type { Facet, FacetField, QuerySummary } from '../../../shared/investigate';
import { FACET_FIELDS } from '../../../shared/investigate';
import type { CaseStore } from '../store/case-store';
import { ACTOR_TYPES, OUTCOMES } from '../../../shared/event';
import { addCodedCounts, facetCounts, summaryOf, wholeCaseHead } from './whole-case';
import { HEAD_VALUES, topValues, type ValueCounts } from '../store/whole-case-tally';

export { histogram } from './histogram';

/** The query has no filter: the whole case, answered from its running counts. */
const isWhole = (store: CaseStore, q: EventQuery) => store.where(q).sql === '';

export function summarize(store: CaseStore, q: EventQuery): QuerySummary {
  return store.cached('summary', q, () => {
    // Not counted from rows here when missing: a metrics-only pass is cheaper than the counts, and the
    // engine asks for the unfiltered facets (which make them) right after.
    const head = isWhole(store, q) ? store.wholeCaseHead() : null;
    return head ? summaryOf(head) : computeSummary(store, q);
  });
}

function computeSummary(store: CaseStore, q: EventQuery): QuerySummary {
  const { sql, params } = store.where(q);
  return store.filterMetrics(sql, params);
}

/** Few-valued fields, counted together in one pass (grouped by source, actor type and outcome). */
const LOW_CARDINALITY = new Set<FacetField>(['vendor', 'source', 'actorType', 'outcome']);
/** Fields with an index that leads with them: GROUP BY walks it without a sort. */
const COLUMN: Partial<Record<FacetField, 'actor' | 'action'>> = { actor: 'actor', action: 'action' };
/**
 * Fields without an index: a GROUP BY each would be a full scan plus a sort (≈1 s each at 1M), so they
 * are counted together in one pass over the filtered rows instead.
 */
const SCANNED: Partial<Record<FacetField, string>> = { targetType: 'ttype', ip: 'ip' };

export function facets(store: CaseStore, q: EventQuery, fields: readonly FacetField[] = FACET_FIELDS, limit = 8): Facet[] {
  for (const f of fields) {
    if (!LOW_CARDINALITY.has(f) && !COLUMN[f] && !SCANNED[f]) throw new Error(`no facet for field "${f}"; one of: ${FACET_FIELDS.join(', ')}`);
  }
  return store.cached(`facets:${fields.join(',')}:${limit}`, q, () => {
    const head = limit <= HEAD_VALUES && isWhole(store, q) ? wholeCaseHead(store) : null;
    if (!head) return computeFacets(store, q, fields, limit);
    const counts = facetCounts(store, head, fields);
    return fields.map((field) => ({ field, values: topValues(counts.get(field)!, limit) }));
  });
}

function computeFacets(store: CaseStore, q: EventQuery, fields: readonly FacetField[], limit: number): Facet[] {
  const { sql, params } = store.where(q);
  const counts = new Map<FacetField, ValueCounts>(fields.map((f) => [f, new Map()]));
  // Unindexed fields need a pass over the filtered rows anyway; the few-valued ones ride along with
  // it (counted in JS by code) instead of taking passes of their own.
  const scanned = fields.filter((f) => SCANNED[f]);
  const wantSrc = fields.includes('vendor') || fields.includes('source');
  const wantCodes = fields.includes('actorType') || fields.includes('outcome');
  const bySrc = new Map<number, number>();
  const atypes = new Array<number>(ACTOR_TYPES.length).fill(0);
  const outcomes = new Array<number>(OUTCOMES.length).fill(0);
  if (scanned.length) {
    const maps = scanned.map((f) => counts.get(f)!);
    store.scanRows(
      scanned.map((f) => SCANNED[f]!),
      sql,
      params,
      (r) => {
        bySrc.set(r[0], (bySrc.get(r[0]) ?? 0) + 1);
        atypes[r[1]]++;
        outcomes[r[2]]++;
        for (let i = 0; i < maps.length; i++) maps[i].set(r[i + 3] as string | null, (maps[i].get(r[i + 3] as string | null) ?? 0) + 1);
      },
    );
  } else {
    if (wantSrc) {
      // Grouping by src alone walks the (src, t) index without a sort.
      for (const [src, c] of store.countBySource(sql, params)) bySrc.set(src, c);
    }
    if (wantCodes) {
      const coded = store.countByCode(sql, params);
      ACTOR_TYPES.forEach((_, i) => (atypes[i] = coded.actorTypes[i]));
      OUTCOMES.forEach((_, i) => (outcomes[i] = coded.outcomes[i]));
    }
  }
  addCodedCounts(store, counts, bySrc, atypes, outcomes);
  for (const f of fields) {
    const col = COLUMN[f];
    if (!col) continue;
    const m = counts.get(f)!;
    for (const [v, c] of store.topValues(col, sql, params, limit)) m.set(v, c);
  }
  return fields.map((field) => ({ field, values: topValues(counts.get(field)!, limit) }));
}
