// Where the engine's filter answers (count + page, hero metrics, facets, histogram) come from the
// columns instead of SQL. Each returns null when the columns cannot answer (an import's transaction is
// open, AD_COLUMNS=0, a field they do not hold): the caller then takes the SQL path, the reference.
import type { QueryResult } from '../../../shared/contract';
import type { EventRow } from '../../../shared/event';
import { DEFAULT_PAGE, MAX_PAGE, SORT_FIELDS, checkCondition, type EventQuery } from '../../../shared/query';
import { FACET_FIELDS, type Facet, type FacetField, type Histogram, type QuerySummary } from '../../../shared/investigate';
import { parseSearch, snippet } from '../../../shared/search';
import type { CaseStore } from '../store/case-store';
import { EventColumns } from './event-columns';
import { FilterMask } from './filter-mask';
import { loadColumns, saveColumns, savedColumns } from './saved-columns';
import { QlMask } from './ql-mask';
import { parseQuery } from '../../../shared/ql';
import { facetsOf, selection, summaryOf } from './aggregates';
import { histogramOf } from './histogram';
import { pageIds } from './page';
import { sortOrder } from './sort-order';

/** Answers given from the columns, by kind: tests read it to know which path ran. */
export const columnAnswers = { query: 0, summary: 0, facets: 0, histogram: 0 };

/** The case's columns, read now if they are not yet; null when the columns must not answer. */
export function columnsOf(store: CaseStore): EventColumns | null {
  if (process.env.AD_COLUMNS === '0' || store.writing) return null;
  if (!(store.columns instanceof EventColumns)) store.columns = loadColumns(store);
  return store.columns as EventColumns;
}

/**
 * Before an import, sync or remap: the columns from a current column file (read at disk speed), or
 * empty for a case without events, so that they take the new rows as they are inserted and the save
 * after the commit writes them, instead of reading every row.
 */
export function columnsBeforeWrite(store: CaseStore): void {
  if (process.env.AD_COLUMNS === '0' || store.writing || store.columns instanceof EventColumns) return;
  try {
    store.columns = savedColumns(store) ?? (store.lastEventId() === 0 ? EventColumns.load(store) : null);
  } catch {
    // Then the save reads them from SQL.
  }
}

/** After a save: the column file follows the case (read from SQL first if this process had no columns yet). */
export function persistColumns(store: CaseStore): void {
  let cols: EventColumns | null = null;
  try {
    cols = columnsOf(store);
  } catch {
    // The SQL path answers while the columns cannot be read; nothing is saved for them.
  }
  saveColumns(store, cols);
}

/** One filter's kept rows and the answers made from them so far. */
interface Filtered {
  key: string;
  mask: Uint8Array;
  rows: Uint32Array;
  answers: Map<string, unknown>;
}

/** The last few filters per column set: the UI asks for four answers, then pages, of one filter. */
const recent = new WeakMap<EventColumns, Filtered[]>();
const KEEP = 8;

function filtered(store: CaseStore, cols: EventColumns, q: EventQuery): Filtered | null {
  for (const c of q.where ?? []) {
    if (c.field === 'userAgent') throw new Error('userAgent cannot be filtered on yet');
    checkCondition(c);
  }
  // A search needs the full-text index up to date first (where() brings it up).
  if (parseSearch(q.search ?? '').length) store.where(q);
  const tree = parseQuery(q.q ?? '');
  const key = JSON.stringify([
    cols.version,
    store.generation,
    q.where ?? [],
    q.text ?? '',
    tree,
    q.search ?? '',
    q.from ?? '',
    q.to ?? '',
    q.tag ?? '',
    !!q.bookmarked,
    !!q.noted,
    q.finding ?? '',
  ]);
  const kept = recent.get(cols) ?? [];
  recent.set(cols, kept);
  const hit = kept.find((f) => f.key === key);
  if (hit) return hit;
  const made = FilterMask.made(store, cols, q);
  const mask = made.mask;
  if (tree) {
    const ql = new QlMask(store, cols).of(tree);
    for (let i = 0; i < mask.length; i++) mask[i] &= ql[i];
  }
  // A time range alone keeps a span of the time order: its rows as they are (the answers made from rows count, and do not depend on their order).
  const rows = !tree && made.timeRows ? made.timeRows : selection(mask);
  const f = { key, mask, rows, answers: new Map<string, unknown>() };
  kept.unshift(f);
  if (kept.length > KEEP) kept.pop();
  return f;
}

/** The query filters nothing: whereClause gives no WHERE. */
function isWhole(q: EventQuery): boolean {
  const words = (q.text ?? '').split(/\s+/).filter(Boolean);
  return (
    !q.where?.length &&
    !parseQuery(q.q ?? '') &&
    !words.length &&
    (q.tag === undefined || q.tag === '') &&
    !parseSearch(q.search ?? '').length &&
    !q.bookmarked &&
    !q.noted &&
    !q.finding &&
    !q.from &&
    !q.to
  );
}

function answer<T>(f: Filtered, key: string, make: () => T): T {
  if (!f.answers.has(key)) f.answers.set(key, make());
  return f.answers.get(key) as T;
}

export function columnQuery(store: CaseStore, q: EventQuery): QueryResult | null {
  const limit = Math.min(Math.max(q.limit ?? DEFAULT_PAGE, 0), MAX_PAGE);
  const offset = Math.max(q.offset ?? 0, 0);
  if (!Number.isInteger(limit) || !Number.isInteger(offset)) return null;
  if (q.sort !== undefined && !SORT_FIELDS.includes(q.sort)) return null;
  const cols = columnsOf(store);
  const f = cols && filtered(store, cols, q);
  if (!cols || !f) return null;
  columnAnswers.query++;
  const total = f.rows.length;
  const events: EventRow[] = [];
  if (limit > 0 && offset < total) {
    const ids = pageIds(cols, f.mask, q.order === 'desc', offset, limit, q.sort ? sortOrder(cols, q.sort) : cols.order);
    const terms = parseSearch(q.search ?? '');
    const byId = store.rowsById(ids, terms.length ? (row, raw) => (row.match = snippet(raw, terms)) : undefined);
    for (const id of ids) events.push(byId.get(id)!);
  }
  return { total, events };
}

export function columnSummary(store: CaseStore, q: EventQuery): QuerySummary | null {
  const cols = columnsOf(store);
  const f = cols && filtered(store, cols, q);
  if (!cols || !f) return null;
  columnAnswers.summary++;
  return answer(f, 'summary', () => summaryOf(cols, f.rows));
}

export function columnFacets(store: CaseStore, q: EventQuery, fields: readonly FacetField[] = FACET_FIELDS, limit = 8): Facet[] | null {
  if (!fields.every((x) => FACET_FIELDS.includes(x))) return null;
  const cols = columnsOf(store);
  const f = cols && filtered(store, cols, q);
  if (!cols || !f) return null;
  columnAnswers.facets++;
  return answer(f, `facets:${fields.join(',')}:${limit}`, () => facetsOf(store, cols, f.rows, fields, limit));
}

export function columnHistogram(store: CaseStore, q: EventQuery, maxBuckets = 120): Histogram | null {
  const cols = columnsOf(store);
  const f = cols && filtered(store, cols, q);
  if (!cols || !f) return null;
  columnAnswers.histogram++;
  return answer(f, `histogram:${maxBuckets}`, () => histogramOf(cols, f.rows, maxBuckets, isWhole(q)));
}
