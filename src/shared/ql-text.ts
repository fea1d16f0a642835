// A query tree written back as text, and the edits the UI's chips make to a query: chips are its
// top-level AND clauses, so "filter for", "filter out", OR-ing a value, negating and removing a chip
// are all rewrites of the one query text.
import { parseQuery, type QlField, type QlMatch, type QlNode } from './ql';

/** A value as the parser reads it back: quoted when it holds anything the grammar would read otherwise. */
export function quoteValue(v: string): string {
  if (v !== '' && !/[\s()"\\*?:[\]{}/]/.test(v) && !/^[-]/.test(v) && !['AND', 'OR', 'NOT', 'TO'].includes(v)) return v;
  return `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

function matchText(m: QlMatch): string {
  if (m.kind === 'exact') return m.quoted ? `"${m.value.replace(/["\\]/g, (c) => `\\${c}`)}"` : quoteValue(m.value);
  if (m.kind === 'regex') return `/${m.source}/`;
  // Escapes in the pattern stay; characters that would end the word are escaped.
  return m.pattern.replace(/[\s()"]/g, (c) => `\\${c}`).replace(/^[-[{/]/, (c) => `\\${c}`);
}

const boundText = (b: string | null) => (b === null ? '*' : /[\s\]}]/.test(b) ? `"${b}"` : b);

/** Terms of one field inside an OR (`actor:(a OR b)`): the field, or null when they are not. */
function oneField(items: QlNode[]): QlField | null {
  const f = items[0].type === 'term' ? items[0].field : null;
  return f && items.every((x) => x.type === 'term' && x.field === f) ? f : null;
}

export function toText(n: QlNode, inside: 'top' | 'and' | 'not' | 'or' = 'top'): string {
  switch (n.type) {
    case 'term':
      return n.field ? `${n.field}:${matchText(n.match)}` : matchText(n.match);
    case 'exists':
      return `_exists_:${n.field}`;
    case 'range':
      return `${n.field}:${n.fromInclusive ? '[' : '{'}${boundText(n.from)} TO ${boundText(n.to)}${n.toInclusive ? ']' : '}'}`;
    case 'not':
      return `-${toText(n.item, 'not')}`;
    case 'or': {
      const f = oneField(n.items);
      if (f) return `${f}:(${n.items.map((x) => matchText((x as { match: QlMatch }).match)).join(' OR ')})`;
      const s = n.items.map((x) => toText(x, 'or')).join(' OR ');
      return inside === 'top' ? s : `(${s})`;
    }
    case 'and': {
      const s = n.items.map((x) => toText(x, 'and')).join(' ');
      return inside === 'top' || inside === 'and' ? s : `(${s})`;
    }
  }
}

/** The chips of a query: its top-level AND clauses. */
export function clausesOf(tree: QlNode | null): QlNode[] {
  if (!tree) return [];
  return tree.type === 'and' ? tree.items : [tree];
}

const textOf = (clauses: QlNode[]) => clauses.map((c) => toText(c, 'and')).join(' ');
const same = (a: QlNode, b: QlNode) => toText(a) === toText(b);

/** A term `field:"value"` (exact). */
export function termOf(field: QlField, value: string): QlNode {
  return { type: 'term', field, match: { kind: 'exact', value, quoted: true }, at: 0 };
}

/** How a value from a facet or a cell joins the query. */
export type FilterMode = 'for' | 'out' | 'or';

/**
 * The query with a value added: 'for' ANDs field:"value", 'out' ANDs -field:"value" (either replaces the
 * opposite clause on the same value), 'or' ORs it into the last positive clause on that field (else 'for').
 */
export function withValue(text: string, field: QlField, value: string, mode: FilterMode): string {
  const clauses = clausesOf(parseQuery(text));
  const term = termOf(field, value);
  const neg: QlNode = { type: 'not', item: term };
  if (mode === 'or') {
    for (let k = clauses.length - 1; k >= 0; k--) {
      const c = clauses[k];
      const items = c.type === 'or' ? c.items : [c];
      if (oneField(items) !== field) continue;
      if (items.some((x) => same(x, term))) return textOf(clauses);
      const next = [...clauses];
      next[k] = { type: 'or', items: [...items, term] };
      return textOf(next);
    }
    mode = 'for';
  }
  const want = mode === 'for' ? term : neg;
  const other = mode === 'for' ? neg : term;
  const kept = clauses.filter((c) => !same(c, other));
  if (!kept.some((c) => same(c, want))) kept.push(want);
  return textOf(kept);
}

/** The query with its k-th chip negated (or un-negated). */
export function negateClause(text: string, k: number): string {
  const clauses = [...clausesOf(parseQuery(text))];
  const c = clauses[k];
  if (!c) return text;
  clauses[k] = c.type === 'not' ? c.item : { type: 'not', item: c };
  return textOf(clauses);
}

/** The query without its k-th chip. */
export function removeClause(text: string, k: number): string {
  const clauses = clausesOf(parseQuery(text));
  return textOf(clauses.filter((_, i) => i !== k));
}

/**
 * The query without its positive clauses on one field (`vendor:x`, `vendor:(x OR y)`), or null when it
 * has none: that field's facet is counted without them, so its other values stay there to OR in.
 */
export function withoutFieldClauses(text: string, field: QlField): string | null {
  const clauses = clausesOf(parseQuery(text));
  const onField = (c: QlNode) => oneField(c.type === 'or' ? c.items : [c]) === field;
  if (!clauses.some(onField)) return null;
  return textOf(clauses.filter((c) => !onField(c)));
}
