// Hero metrics and facets of the rows a filter kept (a selection: their positions), counted over the
// columns' codes, with the SQL path's answers (investigate/overview.ts) as the reference.
import type { Facet, FacetField, QuerySummary } from '../../../shared/investigate';
import { ACTOR_TYPES, OUTCOMES } from '../../../shared/event';
import type { CaseStore } from '../store/case-store';
import { encodeOutcome } from '../store/schema';
import { topValues, type ValueCounts } from '../store/whole-case-tally';
import { addCodedCounts } from '../investigate/whole-case';
import type { EventColumns, TextColumn } from './event-columns';
import { topCodes } from './top-codes';
import type { DictColumn } from './dictionary';

/** Positions of the rows a mask keeps, in row (id) order. */
export function selection(mask: Uint8Array): Uint32Array {
  let n = 0;
  for (let i = 0; i < mask.length; i++) n += mask[i];
  const rows = new Uint32Array(n);
  for (let i = 0, k = 0; k < n; i++) if (mask[i]) rows[k++] = i;
  return rows;
}

export function summaryOf(cols: EventColumns, rows: Uint32Array): QuerySummary {
  const fail = encodeOutcome('failure');
  const denied = encodeOutcome('denied');
  const warning = encodeOutcome('warning');
  const outcome = cols.outcome.data;
  const actor = cols.text.actor.codes.data;
  const seen = new Uint8Array(cols.text.actor.size);
  let failures = 0;
  let warnings = 0;
  let distinct = 0;
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k];
    const o = outcome[i];
    if (o === fail) failures++;
    else if (o === denied || o === warning) warnings++;
    const a = actor[i];
    // count(DISTINCT actor) leaves NULL (code 0) out.
    if (a && !seen[a]) {
      seen[a] = 1;
      distinct++;
    }
  }
  return { total: rows.length, failures, warnings, distinctActors: distinct };
}

const TEXT_FACET: Partial<Record<FacetField, TextColumn>> = { actor: 'actor', action: 'action', targetType: 'ttype', ip: 'ip' };
/**
 * The SQL path takes these fields' top values with `ORDER BY count DESC, value LIMIT n` (SQLite: NULL
 * first, then by UTF-8 bytes, which is code point order) before ranking them like the others.
 */
const SQL_RANKED = new Set<FacetField>(['actor', 'action']);

export function facetsOf(store: CaseStore, cols: EventColumns, rows: Uint32Array, fields: readonly FacetField[], limit: number): Facet[] {
  const counts = new Map<FacetField, ValueCounts>(fields.map((f) => [f, new Map()]));
  const bySrc = new Map<number, number>();
  const atypes = new Array<number>(ACTOR_TYPES.length).fill(0);
  const outcomes = new Array<number>(OUTCOMES.length).fill(0);
  const wantSrc = fields.includes('vendor') || fields.includes('source');
  const wantCoded = fields.includes('actorType') || fields.includes('outcome');
  if (wantSrc || wantCoded) {
    // One pass, typed-array tallies (source ids are small: the sources table's).
    const per = new Uint32Array(wantSrc ? store.sources().reduce((m, s) => Math.max(m, s.id), 0) + 1 : 0);
    const at = new Uint32Array(256);
    const oc = new Uint32Array(256);
    const src = cols.src.data;
    const a = cols.atype.data;
    const o = cols.outcome.data;
    if (wantSrc) for (let k = 0; k < rows.length; k++) per[src[rows[k]]]++;
    if (wantCoded)
      for (let k = 0; k < rows.length; k++) {
        at[a[rows[k]]]++;
        oc[o[rows[k]]]++;
      }
    for (let s = 0; s < per.length; s++) if (per[s]) bySrc.set(s, per[s]);
    ACTOR_TYPES.forEach((_, i) => (atypes[i] = at[i]));
    OUTCOMES.forEach((_, i) => (outcomes[i] = oc[i]));
  }
  addCodedCounts(store, counts, bySrc, atypes, outcomes);
  const top = new Map<FacetField, Facet['values']>();
  const text = fields.filter((f) => TEXT_FACET[f]);
  const tallies = tallyCodes(
    text.map((f) => cols.text[TEXT_FACET[f]!]),
    rows,
  );
  text.forEach((f, j) => {
    const dict = cols.text[TEXT_FACET[f]!];
    const best = topCodes(dict, tallies[j], limit, SQL_RANKED.has(f) ? codePointLess : (a, b) => a < b);
    top.set(f, topValues(new Map(best), limit));
  });
  return fields.map((field) => ({ field, values: top.get(field) ?? topValues(counts.get(field)!, limit) }));
}

/** Per column, how many of the rows hold each code: the columns two at a time in one pass over the rows. */
function tallyCodes(dicts: DictColumn[], rows: Uint32Array): Uint32Array[] {
  const per = dicts.map((d) => new Uint32Array(d.size));
  for (let j = 0; j < dicts.length; j += 2) {
    const a = dicts[j].codes.data;
    const pa = per[j];
    if (j + 1 === dicts.length) {
      for (let k = 0; k < rows.length; k++) pa[a[rows[k]]]++;
      continue;
    }
    const b = dicts[j + 1].codes.data;
    const pb = per[j + 1];
    for (let k = 0; k < rows.length; k++) {
      const i = rows[k];
      pa[a[i]]++;
      pb[b[i]]++;
    }
  }
  return per;
}

/** a < b by code points (UTF-16 units order differently only around surrogate pairs). */
function codePointLess(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y;
    if (x > 0xffff) i++;
  }
  return a.length < b.length;
}
