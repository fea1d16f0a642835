// The query language of the filter box, the CLI's --q, saved views and export manifests (KQL/Lucene-like):
// `field:value`, "phrases", AND / OR / NOT and a leading -, parentheses, field:(a OR b), wildcards * ?,
// field:/regex/, ranges time:[a TO b}, _exists_:field, raw.dotted.path:value, and bare words. A small
// recursive-descent parser: every error names the character it stopped at, so the UI can point at it.
import { QUERY_FIELDS, type QueryField } from './query';
import { boundMs } from './time-bound';

/** How a term's value is compared (see ql-match.ts). */
export type QlMatch =
  | { kind: 'exact'; value: string; quoted: boolean }
  /** `pattern` keeps backslash escapes: `\*` is a literal star. */
  | { kind: 'wildcard'; pattern: string }
  | { kind: 'regex'; source: string };

/** A model field, `time`, or a dotted path into the raw record (`raw.userIdentity.arn`). */
export type QlField = QueryField | 'time' | `raw.${string}`;

export type QlNode =
  | { type: 'and' | 'or'; items: QlNode[] }
  | { type: 'not'; item: QlNode }
  /** field null: a bare term, searched in the model fields as the filter box always did. */
  | { type: 'term'; field: QlField | null; match: QlMatch; at: number }
  | { type: 'exists'; field: QlField; at: number }
  | { type: 'range'; field: 'time' | 'id'; from: string | null; to: string | null; fromInclusive: boolean; toInclusive: boolean; at: number };

export class QuerySyntaxError extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(`query error at character ${offset + 1}: ${reason}`);
    this.name = 'QuerySyntaxError';
  }
}

/** Characters that end an unquoted word. */
const STOP = /[\s()"]/;
const FIELD_NAME = /^(?:[A-Za-z_][\w]*)(?:\.[^\s.:()"]+)*$/;
const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'TO']);

function resolveField(name: string, at: number): QlField {
  if (name.startsWith('raw.')) {
    if (name.split('.').some((p) => p === '')) throw new QuerySyntaxError(at, `"${name}" is not a path: use raw.a.b`);
    return name as QlField;
  }
  if (name === 'raw') throw new QuerySyntaxError(at, 'name a path in the raw record, e.g. raw.userIdentity.arn');
  if (name.toLowerCase() === 'time') return 'time';
  const f = QUERY_FIELDS.find((x) => x.toLowerCase() === name.toLowerCase());
  if (!f) throw new QuerySyntaxError(at, `unknown field "${name}"; one of: time, ${QUERY_FIELDS.filter((x) => x !== 'userAgent').join(', ')}, raw.PATH`);
  if (f === 'userAgent') throw new QuerySyntaxError(at, 'userAgent cannot be filtered on yet (try raw.PATH)');
  return f;
}

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  parse(): QlNode | null {
    this.space();
    if (this.i >= this.s.length) return null;
    const node = this.or(null);
    this.space();
    if (this.i < this.s.length) {
      throw new QuerySyntaxError(this.i, this.s[this.i] === ')' ? 'unbalanced ")": no "(" before it' : `unexpected "${this.s[this.i]}"`);
    }
    return node;
  }

  private space(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i])) this.i++;
  }

  /** The keyword at the cursor (AND, OR, NOT as whole words), without moving. */
  private keyword(): string | null {
    const m = /^(AND|OR|NOT)(?=[\s()"]|$)/.exec(this.s.slice(this.i, this.i + 4));
    return m ? m[1] : null;
  }

  private atEnd(): boolean {
    this.space();
    return this.i >= this.s.length || this.s[this.i] === ')';
  }

  private or(field: QlField | null): QlNode {
    const items = [this.and(field)];
    while (!this.atEnd() && this.keyword() === 'OR') {
      this.i += 2;
      if (this.atEnd()) throw new QuerySyntaxError(this.i, 'nothing after OR');
      items.push(this.and(field));
    }
    return items.length === 1 ? items[0] : { type: 'or', items };
  }

  private and(field: QlField | null): QlNode {
    const items = [this.unary(field)];
    for (;;) {
      if (this.atEnd()) break;
      const kw = this.keyword();
      if (kw === 'OR') break;
      if (kw === 'AND') {
        this.i += 3;
        if (this.atEnd()) throw new QuerySyntaxError(this.i, 'nothing after AND');
      }
      items.push(this.unary(field));
    }
    return items.length === 1 ? items[0] : { type: 'and', items };
  }

  private unary(field: QlField | null): QlNode {
    this.space();
    const at = this.i;
    if (this.keyword() === 'NOT' || this.s[this.i] === '-') {
      this.i += this.s[this.i] === '-' ? 1 : 3;
      if (this.s[at] === '-' && (this.i >= this.s.length || /\s/.test(this.s[this.i]))) throw new QuerySyntaxError(at, 'nothing after "-"');
      if (this.atEnd()) throw new QuerySyntaxError(this.i, 'nothing after NOT');
      return { type: 'not', item: this.unary(field) };
    }
    const kw = this.keyword();
    if (kw) throw new QuerySyntaxError(at, `${kw} needs something before it`);
    return this.primary(field);
  }

  private group(field: QlField | null): QlNode {
    const open = this.i;
    this.i++;
    if (this.atEnd() && this.s[this.i] === ')') throw new QuerySyntaxError(this.i, 'empty parentheses');
    if (this.i >= this.s.length) throw new QuerySyntaxError(open, 'unclosed "(": no ")" after it');
    const node = this.or(field);
    this.space();
    if (this.s[this.i] !== ')')
      throw new QuerySyntaxError(this.i >= this.s.length ? open : this.i, this.i >= this.s.length ? 'unclosed "(": no ")" after it' : `expected ")"`);
    this.i++;
    return node;
  }

  private primary(field: QlField | null): QlNode {
    const c = this.s[this.i];
    if (c === '(') return this.group(field);
    if (c === '"' || c === '/' || (field && (c === '[' || c === '{'))) return this.value(field, this.i);
    // A field name followed by ':'.
    const m = /^[^\s()":]+(?=:)/.exec(this.s.slice(this.i));
    if (m && FIELD_NAME.test(m[0]) && !KEYWORDS.has(m[0])) {
      const at = this.i;
      if (field) throw new QuerySyntaxError(at, `a field inside ${field}:( ) — write it outside the parentheses`);
      const name = m[0];
      this.i += name.length + 1;
      if (name === '_exists_') return this.exists(at);
      const f = resolveField(name, at);
      const v = this.s[this.i];
      if (v === undefined || /\s/.test(v) || v === ')') throw new QuerySyntaxError(this.i, `${name}: needs a value`);
      if (v === '(') return this.group(f);
      return this.value(f, at);
    }
    return this.value(field, this.i);
  }

  private exists(at: number): QlNode {
    const m = /^[^\s()"]+/.exec(this.s.slice(this.i));
    if (!m) throw new QuerySyntaxError(this.i, '_exists_: needs a field name');
    const field = resolveField(m[0], this.i);
    this.i += m[0].length;
    return { type: 'exists', field, at };
  }

  /** A value at the cursor: "quoted", /regex/, [range], or a word (wildcards when * or ? are unescaped). */
  private value(field: QlField | null, at: number): QlNode {
    const s = this.s;
    const start = this.i;
    if (s[start] === '"') {
      let v = '';
      let j = start + 1;
      for (; j < s.length && s[j] !== '"'; j++) v += s[j] === '\\' && j + 1 < s.length ? s[++j] : s[j];
      if (j >= s.length) throw new QuerySyntaxError(start, 'unclosed quote: no " after it');
      this.i = j + 1;
      return this.term(field, { kind: 'exact', value: v, quoted: true }, at);
    }
    if (s[start] === '/') {
      let j = start + 1;
      for (; j < s.length && s[j] !== '/'; j++) if (s[j] === '\\') j++;
      if (j >= s.length) throw new QuerySyntaxError(start, 'unclosed regular expression: no / after it');
      const source = s.slice(start + 1, j);
      try {
        new RegExp(source);
      } catch (e) {
        throw new QuerySyntaxError(start, `bad regular expression: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}`);
      }
      this.i = j + 1;
      return this.term(field, { kind: 'regex', source }, at);
    }
    if (s[start] === '[' || s[start] === '{') return this.range(field, at);
    let v = '';
    let pattern = '';
    let wild = false;
    let j = start;
    for (; j < s.length && !STOP.test(s[j]); j++) {
      if (s[j] === '\\' && j + 1 < s.length) {
        j++;
        v += s[j];
        pattern += /[*?\\]/.test(s[j]) ? `\\${s[j]}` : s[j];
      } else {
        if (s[j] === '*' || s[j] === '?') wild = true;
        v += s[j];
        pattern += s[j];
      }
    }
    if (j === start) throw new QuerySyntaxError(start, s[start] === ')' ? 'unbalanced ")": no "(" before it' : `unexpected "${s[start] ?? 'end'}"`);
    this.i = j;
    if (field && wild && pattern === '*') return { type: 'exists', field, at };
    return this.term(field, wild ? { kind: 'wildcard', pattern } : { kind: 'exact', value: v, quoted: false }, at);
  }

  private term(field: QlField | null, match: QlMatch, at: number): QlNode {
    if (field === 'time') throw new QuerySyntaxError(at, 'time takes a range, e.g. time:[2026-03-01 TO 2026-03-08}');
    return { type: 'term', field, match, at };
  }

  private range(field: QlField | null, at: number): QlNode {
    const open = this.i;
    if (field !== 'time' && field !== 'id') throw new QuerySyntaxError(open, `ranges work on time and id${field ? `, not ${field}` : ''}`);
    const fromInclusive = this.s[open] === '[';
    this.i++;
    const from = this.bound();
    this.space();
    if (!/^TO(?=\s)/.test(this.s.slice(this.i))) throw new QuerySyntaxError(this.i, 'expected TO in the range, e.g. [2026-03-01 TO 2026-03-08}');
    this.i += 2;
    const to = this.bound();
    this.space();
    const close = this.s[this.i];
    if (close !== ']' && close !== '}') throw new QuerySyntaxError(this.i, 'expected ] (inclusive) or } (exclusive) to close the range');
    this.i++;
    return { type: 'range', field, from: from.value, to: to.value, fromInclusive, toInclusive: close === ']', at };
  }

  private bound(): { value: string | null } {
    this.space();
    const at = this.i;
    let text: string;
    if (this.s[at] === '"') {
      const end = this.s.indexOf('"', at + 1);
      if (end < 0) throw new QuerySyntaxError(at, 'unclosed quote: no " after it');
      text = this.s.slice(at + 1, end);
      this.i = end + 1;
    } else {
      const m = /^[^\s\]}]+/.exec(this.s.slice(at));
      if (!m || m[0] === 'TO') throw new QuerySyntaxError(at, 'expected a bound (a time, a number or *)');
      text = m[0];
      this.i += text.length;
    }
    if (text === '*') return { value: null };
    return { value: text };
  }
}

/** The query's tree (null for an empty query); throws QuerySyntaxError. */
export function parseQuery(text: string): QlNode | null {
  const tree = new Parser(text).parse();
  if (tree) checkBounds(tree, text);
  return tree;
}

/** Range bounds must be times (time) or whole numbers (id); said at the range. */
function checkBounds(n: QlNode, text: string): void {
  if (n.type === 'and' || n.type === 'or') return n.items.forEach((x) => checkBounds(x, text));
  if (n.type === 'not') return checkBounds(n.item, text);
  if (n.type !== 'range') return;
  for (const b of [n.from, n.to]) {
    if (b === null) continue;
    const ok = n.field === 'time' ? boundMs(b) !== null : /^-?\d+$/.test(b);
    if (!ok)
      throw new QuerySyntaxError(
        Math.max(0, text.indexOf(b, n.at)),
        n.field === 'time' ? `"${b}" is not a date or time (e.g. 2026-03-01 or 2026-03-01T10:00:00Z)` : `"${b}" is not a whole number`,
      );
  }
}

/** The tree of a query, or the error; never throws. */
export function tryParseQuery(text: string): { tree: QlNode | null; error: QuerySyntaxError | null } {
  try {
    return { tree: parseQuery(text), error: null };
  } catch (e) {
    if (e instanceof QuerySyntaxError) return { tree: null, error: e };
    throw e;
  }
}
