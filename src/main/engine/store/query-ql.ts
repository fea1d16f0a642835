// The query language (shared/ql.ts) as SQL over the events table: the reference path the column engine is
// checked against. Exact values and *x* reuse the --where conditions (so both forms mean the same);
// other wildcards, regexes and raw-record paths go through SQL functions that run the shared matchers.
import type { Database } from 'sql.js';
import type { QlMatch, QlNode } from '../../../shared/ql';
import { matcherOf, plainContains, valuesAtPath } from '../../../shared/ql-match';
import { ACTOR_TYPES, OUTCOMES } from '../../../shared/event';
import { boundMs } from '../../../shared/time-bound';
import { NO_TIME, TEXT_COLUMN_OF, encodeActorType, encodeOutcome } from './schema';
import { condition, freeTextSql, type ExpandContains } from './query-conditions';

type Param = string | number | null;

/** `ad_ql_match(value, spec)`: 1 when the value passes the term's matcher (spec: JSON [match, contains]). */
export const MATCH_FN = 'ad_ql_match';
/** `ad_ql_raw(off, len, spec)`: 1 when the raw record has a value at the path that passes (spec: JSON [path, match|null]). */
export const RAW_FN = 'ad_ql_raw';

/** Model text columns by field (ids are numbers, compared as their text). */
const TEXT: Record<string, string> = {
  ...TEXT_COLUMN_OF,
  id: 'CAST(id AS TEXT)',
};
/** What a bare term searches: the filter box's fields (free text in query-sql.ts). */
const FREE_TEXT = ['actor', 'action', 'targetType', 'targetId', 'requestId', 'eventId', 'ip', 'vendor', 'source', 'outcome', 'actorType'];
export const TIME_FLAG_NAMES = ['no-zone', 'invalid', 'missing'];

/** Registers the two functions on a case database; readRaw gives a record's text from its off and len. */
export function registerQlFunctions(db: Database, readRaw: (off: number, len: number) => string): void {
  const matchers = new Map<string, (v: string | null) => boolean>();
  const compiled = (spec: string) => {
    let m = matchers.get(spec);
    if (!m) {
      const [match, contains] = JSON.parse(spec) as [QlMatch, boolean];
      matchers.set(spec, (m = matcherOf(match, contains)));
    }
    return m;
  };
  db.create_function(MATCH_FN, (value: string | number | null, spec: string) => (value !== null && compiled(spec)(String(value)) ? 1 : 0));
  db.create_function(RAW_FN, (off: number, len: number, spec: string) => {
    const [path, match] = JSON.parse(spec) as [string[], QlMatch | null];
    const values = valuesAtPath(readRaw(off, len), path);
    if (!match) return values.length ? 1 : 0;
    const test = compiled(JSON.stringify([match, false]));
    return values.some(test) ? 1 : 0;
  });
}

/** Codes of the enum names (outcome, actor type) a matcher accepts. */
function enumIn(col: string, names: readonly string[], test: (v: string) => boolean, encode: (n: never) => number): string {
  const codes = names.filter(test).map((n) => encode(n as never));
  return codes.length ? `${col} IN (${codes.join(',')})` : '0';
}

function matchSql(field: string, m: QlMatch, contains: boolean, params: Param[]): string {
  const test = matcherOf(m, contains);
  const spec = JSON.stringify([m, contains]);
  switch (field) {
    case 'vendor':
    case 'source':
      params.push(spec);
      return `src IN (SELECT id FROM sources WHERE ${MATCH_FN}(${field === 'vendor' ? 'vendor' : 'name'}, ?))`;
    case 'outcome':
      return enumIn('outcome', OUTCOMES, test, encodeOutcome);
    case 'actorType':
      return enumIn('atype', ACTOR_TYPES, test, encodeActorType);
    case 'timeFlag': {
      const codes = TIME_FLAG_NAMES.map((n, i) => (test(n) ? i : -1)).filter((i) => i >= 0);
      const parts = codes.length ? [`tflag IN (${codes.join(',')})`] : [];
      if (test('none')) parts.push('tflag IS NULL');
      return parts.length ? `(${parts.join(' OR ')})` : '0';
    }
    default:
      params.push(spec);
      return `${MATCH_FN}(${TEXT[field]}, ?)`;
  }
}

function termSql(n: Extract<QlNode, { type: 'term' }>, params: Param[], expand?: ExpandContains): string {
  const { field, match } = n;
  if (field === null) {
    if (match.kind === 'exact') return freeTextSql(match.value, params);
    // A bare wildcard or regex: in any model field, as the filter box searches them.
    return `(${FREE_TEXT.map((f) => matchSql(f, match, true, params)).join(' OR ')})`;
  }
  if (field.startsWith('raw.')) {
    params.push(JSON.stringify([field.split('.').slice(1), match]));
    return `${RAW_FN}(off, len, ?)`;
  }
  const f = field as Exclude<typeof field, 'time' | `raw.${string}`>;
  if (match.kind === 'exact') return condition({ field: f, op: 'eq', value: match.value }, params, expand);
  const sub = plainContains(match);
  if (sub !== null) return condition({ field: f, op: 'contains', value: sub }, params, expand);
  return matchSql(f, match, false, params);
}

function existsSql(field: string, params: Param[]): string {
  if (field.startsWith('raw.')) {
    params.push(JSON.stringify([field.split('.').slice(1), null]));
    return `${RAW_FN}(off, len, ?)`;
  }
  if (field === 'time') return `t < ${NO_TIME}`;
  if (field === 'timeFlag') return 'tflag IS NOT NULL';
  const col = TEXT[field];
  return col && field !== 'id' ? `${col} IS NOT NULL` : '1';
}

/** The query's tree as a WHERE expression (values bound); never NULL under NOT (a missing field is "not x"). */
export function qlSql(n: QlNode, params: Param[], expand?: ExpandContains): string {
  switch (n.type) {
    case 'and':
    case 'or':
      return `(${n.items.map((x) => qlSql(x, params, expand)).join(n.type === 'and' ? ' AND ' : ' OR ')})`;
    case 'not':
      return `(NOT coalesce(${qlSql(n.item, params, expand)}, 0))`;
    case 'term':
      return termSql(n, params, expand);
    case 'exists':
      return existsSql(n.field, params);
    case 'range': {
      const col = n.field === 'time' ? 't' : 'id';
      const parts = n.field === 'time' ? [`t < ${NO_TIME}`] : [];
      if (n.from !== null) {
        parts.push(`${col} ${n.fromInclusive ? '>=' : '>'} ?`);
        params.push(n.field === 'time' ? boundMs(n.from)! : Number(n.from));
      }
      if (n.to !== null) {
        parts.push(`${col} ${n.toInclusive ? '<=' : '<'} ?`);
        params.push(n.field === 'time' ? boundMs(n.to)! : Number(n.to));
      }
      return parts.length ? `(${parts.join(' AND ')})` : '1';
    }
  }
}
