// The filter/query model shared by the UI, the CLI and (later) export.

/** Model fields a query can filter and sort on. */
export const QUERY_FIELDS = [
  'id',
  'eventId',
  'vendor',
  'source',
  'actor',
  'actorType',
  'action',
  'targetType',
  'targetId',
  'outcome',
  'requestId',
  'ip',
  'userAgent',
  'timeFlag',
] as const;
export type QueryField = (typeof QUERY_FIELDS)[number];

export interface Condition {
  field: QueryField;
  /** eq: exact value; contains: case-insensitive substring. */
  op: 'eq' | 'contains';
  value: string;
}

/**
 * Throws unless c is a condition the engine knows. Conditions also arrive from HTTP clients:
 * "__proto__" once looked up Object.prototype and reached the SQL as "[object Object]".
 */
export function checkCondition(c: Condition): void {
  if (!QUERY_FIELDS.includes(c.field)) throw new Error(`unknown field "${String(c.field)}"; one of: ${QUERY_FIELDS.join(', ')}`);
  if (c.op !== 'eq' && c.op !== 'contains') throw new Error(`unknown condition operator "${String(c.op)}": eq or contains`);
  if (typeof c.value !== 'string') throw new Error(`the value of a ${c.field} condition must be text`);
}

export interface EventQuery {
  where?: Condition[];
  /**
   * The query language (shared/ql.ts): `actor:alice AND -outcome:success`, ANDed with the other filters.
   * Only the text travels; its tree is parseQuery(q), so the two can never disagree.
   */
  q?: string;
  /** Free text: every word must appear in one of the model fields (case-insensitive). */
  text?: string;
  /**
   * Full-text search over the raw records (FTS4): every word must occur as a token, "a phrase" in
   * order, prefix* as a prefix. See shared/search.ts.
   */
  search?: string;
  /** Inclusive lower and exclusive upper bound, ISO 8601 (UTC if no zone). */
  from?: string;
  to?: string;
  /** Only events carrying this tag (exact, as stored). */
  tag?: string;
  /** Only bookmarked events. */
  bookmarked?: boolean;
  /** Only events with a note. */
  noted?: boolean;
  /** Only events a detection rule (by its id) matched in the case's last detection run. */
  finding?: string;
  limit?: number;
  offset?: number;
  /** Oldest first unless 'desc'. Events without a time sort last. */
  order?: 'asc' | 'desc';
  /** Sort by this model field, then time and id; `order` gives the direction. Time when absent. */
  sort?: SortField;
}

/** Fields a query can sort on besides time: the text columns both engine paths hold. */
export const SORT_FIELDS = ['eventId', 'actor', 'action', 'targetType', 'targetId', 'requestId', 'ip'] as const;
export type SortField = (typeof SORT_FIELDS)[number];

/** Parses the CLI's `--sort FIELD[:desc|:asc]`; `time` is the default order. */
export function parseSort(text: string): { sort?: SortField; order: 'asc' | 'desc' } {
  const m = /^([A-Za-z]+)(?::(asc|desc))?$/.exec(text.trim());
  const field = m?.[1];
  if (!m || (field !== 'time' && !SORT_FIELDS.includes(field as SortField))) {
    throw new Error(`cannot sort by "${text}": expected FIELD or FIELD:desc, FIELD one of time, ${SORT_FIELDS.join(', ')}`);
  }
  const order = m[2] === 'desc' ? 'desc' : 'asc';
  return field === 'time' ? { order } : { sort: field as SortField, order };
}

export const DEFAULT_PAGE = 100;
export const MAX_PAGE = 10_000;

/** Parses the CLI's `FIELD=VALUE` and `FIELD~VALUE` (contains) forms. */
export function parseCondition(text: string): Condition {
  const m = /^([^=~]+)(=|~)(.*)$/s.exec(text);
  if (!m) throw new Error(`expected FIELD=VALUE or FIELD~VALUE, got "${text}"`);
  const field = m[1] as QueryField;
  // A list lookup, never `field in someObject`: "__proto__" or "constructor" must not pass as a field.
  if (!QUERY_FIELDS.includes(field)) {
    throw new Error(`unknown field "${m[1]}"; one of: ${QUERY_FIELDS.join(', ')}`);
  }
  return { field, op: m[2] === '=' ? 'eq' : 'contains', value: m[3] };
}

export function sameCondition(a: Condition, b: Condition): boolean {
  return a.field === b.field && a.op === b.op && a.value === b.value;
}

/** Adds a condition unless an identical one is there (a chip clicked twice stays one chip). */
export function withCondition(where: Condition[], c: Condition): Condition[] {
  return where.some((w) => sameCondition(w, c)) ? where : [...where, c];
}

/** The chip text of a condition: `actor = alice`, `action ~ login`. */
export function conditionLabel(c: Condition): string {
  return `${c.field} ${c.op === 'eq' ? '=' : '~'} ${c.value}`;
}
