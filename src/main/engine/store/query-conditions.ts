// The pieces of a WHERE clause both query forms build from: a filter chip's condition and a word of
// the free-text box (query-sql.ts for the query model, query-ql.ts for the query language).
import { checkCondition, type Condition } from '../../../shared/query';
import { ACTOR_TYPES, OUTCOMES } from '../../../shared/event';
import { TEXT_COLUMN_OF, encodeActorType, encodeOutcome, encodeTimeFlag } from './schema';

export type Param = string | number | null;

export const COLUMN: Record<string, string> = {
  id: 'id',
  ...TEXT_COLUMN_OF,
};

/** Text columns searched by the free-text box (with vendor, source, outcome and actor type: see whereClause). */
const TEXT_COLUMNS = ['actor', 'action', 'ttype', 'tid', 'req', 'eid', 'ip'];

const likeArg = (v: string) => `%${v.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * For indexed columns with few distinct values, a substring filter can be answered by matching the
 * distinct values first and then using the index (`actor IN (...)`), instead of a LIKE over every row.
 */
export type ExpandContains = (column: string, needle: string) => string[] | null;

export function condition(c: Condition, params: Param[], expand?: ExpandContains): string {
  checkCondition(c);
  const contains = c.op === 'contains';
  switch (c.field) {
    case 'vendor':
    case 'source': {
      const col = c.field === 'vendor' ? 'vendor' : 'name';
      params.push(contains ? likeArg(c.value) : c.value);
      return `src IN (SELECT id FROM sources WHERE ${col} ${contains ? "LIKE ? ESCAPE '\\'" : '= ?'})`;
    }
    case 'outcome':
    case 'actorType': {
      const names: readonly string[] = c.field === 'outcome' ? OUTCOMES : ACTOR_TYPES;
      const hits = names.filter((n) => (contains ? n.includes(c.value.toLowerCase()) : n === c.value));
      const col = c.field === 'outcome' ? 'outcome' : 'atype';
      if (!hits.length) return '0';
      const codes = hits.map((h) => (c.field === 'outcome' ? encodeOutcome(h as never) : encodeActorType(h as never)));
      return `${col} IN (${codes.join(',')})`;
    }
    case 'timeFlag': {
      if (c.value === '' || c.value === 'none') return 'tflag IS NULL';
      const code = encodeTimeFlag(c.value as never);
      return code == null || code < 0 ? '0' : `tflag = ${code}`;
    }
    case 'userAgent':
      throw new Error('userAgent cannot be filtered on yet');
    default: {
      const col = Object.hasOwn(COLUMN, c.field) ? COLUMN[c.field] : undefined;
      if (!col) throw new Error(`unknown field ${c.field}`);
      if (col === 'id') {
        params.push(Number(c.value));
        return 'id = ?';
      }
      const values = contains ? expand?.(col, c.value) : null;
      if (values) {
        params.push(...values);
        return values.length ? `${col} IN (${values.map(() => '?').join(',')})` : '0';
      }
      params.push(contains ? likeArg(c.value) : c.value);
      return contains ? `${col} LIKE ? ESCAPE '\\'` : `${col} = ?`;
    }
  }
}

/** One word of the free-text box: in any model field, as text or as the name a code stands for. */
export function freeTextSql(word: string, params: Param[]): string {
  const any = TEXT_COLUMNS.map((col) => `${col} LIKE ? ESCAPE '\\'`);
  for (let i = 0; i < TEXT_COLUMNS.length; i++) params.push(likeArg(word));
  // The fields shown as names, not stored as text: vendor and source (by source), outcome and actor type (by code).
  any.push(`src IN (SELECT id FROM sources WHERE vendor LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\')`);
  params.push(likeArg(word), likeArg(word));
  const lower = word.toLowerCase();
  const outcomes = OUTCOMES.filter((n) => n.includes(lower)).map((n) => encodeOutcome(n));
  if (outcomes.length) any.push(`outcome IN (${outcomes.join(',')})`);
  const actorTypes = ACTOR_TYPES.filter((n) => n.includes(lower)).map((n) => encodeActorType(n));
  if (actorTypes.length) any.push(`atype IN (${actorTypes.join(',')})`);
  return `(${any.join(' OR ')})`;
}
