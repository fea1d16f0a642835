// Hero metrics and facets of the rows a filter kept (a selection: their positions), counted over the
// columns' codes, with the SQL path's answers (investigate/overview.ts) as the reference.
import type { Facet, FacetField, QuerySummary } from '../../../shared/investigate';
import { ACTOR_TYPES, OUTCOMES } from '../../../shared/event';
import type { CaseStore } from '../store/case-store';
import { encodeOutcome } from '../store/schema';
import { topValues, type ValueCounts } from '../store/whole-case-tally';
import { addCodedCounts } from '../investigate/whole-case';
import type { EventColumns, TextColumn } from './event-columns';

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
  if (fields.includes('vendor') || fields.includes('source')) {
    const src = cols.src.data;
    const per = new Map<number, number>();
    for (let k = 0; k < rows.length; k++) per.set(src[rows[k]], (per.get(src[rows[k]]) ?? 0) + 1);
    for (const [s, c] of per) bySrc.set(s, c);
  }
  if (fields.includes('actorType') || fields.includes('outcome')) {
    const at = new Uint32Array(256);
    const oc = new Uint32Array(256);
    const a = cols.atype.data;
    const o = cols.outcome.data;
    for (let k = 0; k < rows.length; k++) {
      at[a[rows[k]]]++;
      oc[o[rows[k]]]++;
    }
    ACTOR_TYPES.forEach((_, i) => (atypes[i] = at[i]));
    OUTCOMES.forEach((_, i) => (outcomes[i] = oc[i]));
  }
  addCodedCounts(store, counts, bySrc, atypes, outcomes);
  const top = new Map<FacetField, Facet['values']>();
  for (const f of fields) {
    const col = TEXT_FACET[f];
    if (!col) continue;
    const dict = cols.text[col];
    const per = new Uint32Array(dict.size);
    const codes = dict.codes.data;
    for (let k = 0; k < rows.length; k++) per[codes[rows[k]]]++;
    const m = counts.get(f)!;
    for (let c = 0; c < per.length; c++) if (per[c]) m.set(dict.value(c), per[c]);
    if (SQL_RANKED.has(f)) top.set(f, topValues(new Map(topByCodePoints(m, limit)), limit));
  }
  return fields.map((field) => ({ field, values: top.get(field) ?? topValues(counts.get(field)!, limit) }));
}

/** The `limit` entries first by count descending, then NULL, then value in code point order. */
function topByCodePoints(m: ValueCounts, limit: number): [string | null, number][] {
  const before = (a: [string | null, number], b: [string | null, number]) =>
    a[1] !== b[1] ? a[1] > b[1] : a[0] === null ? b[0] !== null : b[0] !== null && codePointLess(a[0], b[0]);
  const top: [string | null, number][] = [];
  for (const e of m) {
    if (top.length === limit && !before(e, top[limit - 1])) continue;
    let i = Math.min(top.length, limit - 1);
    while (i > 0 && before(e, top[i - 1])) i--;
    top.splice(i, 0, e);
    if (top.length > limit) top.pop();
  }
  return top;
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
