// Turns the shared query model into SQL over the events table; values are always bound, never spliced.
import { SORT_FIELDS, type EventQuery } from '../../../shared/query';
import { NO_TIME } from './schema';
import { parseBound } from './time-bound';
import { parseSearch, toMatchExpression } from '../../../shared/search';
import { HIT_FN } from './search-hits';
import { parseQuery } from '../../../shared/ql';
import { qlSql } from './query-ql';
import { COLUMN, condition, freeTextSql, type ExpandContains, type Param } from './query-conditions';

export type { ExpandContains } from './query-conditions';

/**
 * probeSearch: test each row against the search's loaded hit set (search-hits.ts) while walking the time
 * index, which finds a page of a common word at once instead of looking up and sorting every hit; the
 * caller must have loaded the hits of that search.
 */
export function whereClause(q: EventQuery, expand?: ExpandContains, opts: { probeSearch?: boolean } = {}): { sql: string; params: Param[] } {
  const parts: string[] = [];
  const params: Param[] = [];
  for (const c of q.where ?? []) parts.push(condition(c, params, expand));
  for (const word of (q.text ?? '').split(/\s+/).filter(Boolean)) parts.push(freeTextSql(word, params));
  const tree = parseQuery(q.q ?? '');
  if (tree) parts.push(qlSql(tree, params, expand));
  // Annotations live in their own tables; the event ids they hold are few next to the events.
  if (q.tag !== undefined && q.tag !== '') {
    parts.push('id IN (SELECT event_id FROM tags WHERE tag = ?)');
    params.push(q.tag);
  }
  const terms = parseSearch(q.search ?? '');
  if (terms.length) {
    parts.push(opts.probeSearch ? `${HIT_FN}(id, ?)` : 'id IN (SELECT docid FROM search WHERE search MATCH ?)');
    params.push(toMatchExpression(terms));
  }
  if (q.bookmarked) parts.push('id IN (SELECT event_id FROM bookmarks)');
  if (q.noted) parts.push('id IN (SELECT event_id FROM notes)');
  if (q.finding) {
    parts.push('id IN (SELECT event_id FROM findings WHERE rule = ?)');
    params.push(q.finding);
  }
  if (q.from) {
    parts.push('t >= ?');
    params.push(parseBound(q.from, 'from'));
  }
  if (q.to) {
    parts.push('t < ?');
    params.push(parseBound(q.to, 'to'));
  }
  if (q.from || q.to) parts.push(`t < ${NO_TIME}`);
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

export function orderClause(q: EventQuery): string {
  if (q.sort) {
    // Values without one come last; descending is the same order read backwards, as for time.
    const col = COLUMN[q.sort];
    if (!col || !SORT_FIELDS.includes(q.sort)) throw new Error(`cannot sort by ${String(q.sort)}`);
    return q.order === 'desc' ? `ORDER BY ${col} IS NULL DESC, ${col} DESC, t DESC, id DESC` : `ORDER BY ${col} IS NULL, ${col}, t, id`;
  }
  return q.order === 'desc' ? 'ORDER BY t DESC, id DESC' : 'ORDER BY t, id';
}
