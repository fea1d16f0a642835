// Full-text search over raw records: the query language (words, "phrases", prefix*) turned into an
// SQLite FTS4 MATCH expression, and the terms the UI highlights. FTS4's "simple" tokenizer splits on
// anything that is not an ASCII letter or digit (other characters stay inside tokens) and folds ASCII
// case; the same splitting is used here so a typed `alice@example.com` finds what the index holds.

export interface SearchTerm {
  /** Tokens in order; a phrase has several. */
  tokens: string[];
  /** The last token matches as a prefix. */
  prefix: boolean;
}

/** A token as the simple tokenizer cuts one: a run of ASCII letters and digits and non-ASCII characters. */
const TOKEN = /[A-Za-z0-9\u0080-\uffff]+/g;

export function tokenize(text: string): string[] {
  return Array.from(text.matchAll(TOKEN), (m) => m[0].toLowerCase());
}

/** Parses a search: every term must match; "..." is a phrase; a trailing * makes a prefix. */
export function parseSearch(text: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  const re = /"([^"]*)"?(\*?)|(\S+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const body = m[1] ?? m[3];
    const prefix = m[1] !== undefined ? m[2] === '*' : body.endsWith('*');
    const tokens = tokenize(body);
    if (tokens.length) terms.push({ tokens, prefix });
  }
  return terms;
}

/** The FTS4 MATCH expression of a search (every term quoted, so no input is read as FTS syntax). */
export function toMatchExpression(terms: SearchTerm[]): string {
  return terms.map((t) => `"${t.tokens.join(' ')}${t.prefix ? '*' : ''}"`).join(' ');
}

export interface Highlight {
  start: number;
  end: number;
}

/**
 * Where the search's terms occur in a text (token-aligned, case-insensitive), in order. A phrase is
 * one hit from its first word to its last, and only where its words follow one another as the index
 * sees them: tokens inside the `skip` ranges (JSON keys, which are not indexed) are left out between.
 */
export function findHits(text: string, terms: SearchTerm[], max = 50, skip: readonly [number, number][] = []): Highlight[] {
  const tokens: { start: number; end: number; lower: string }[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const start = m.index;
    const end = start + m[0].length;
    if (!skip.some(([a, b]) => start >= a && end <= b)) tokens.push({ start, end, lower: m[0].toLowerCase() });
  }
  const hits: Highlight[] = [];
  for (const term of terms) {
    const n = term.tokens.length;
    for (let k = 0; k + n <= tokens.length && hits.length < max * 4; k++) {
      let all = true;
      for (let j = 0; j < n && all; j++) {
        const got = tokens[k + j].lower;
        const want = term.tokens[j];
        all = term.prefix && j === n - 1 ? got.startsWith(want) : got === want;
      }
      if (all) hits.push({ start: tokens[k].start, end: tokens[k + n - 1].end });
    }
  }
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Highlight[] = [];
  for (const h of hits) {
    const last = merged[merged.length - 1];
    if (last && h.start <= last.end) last.end = Math.max(last.end, h.end);
    else merged.push({ ...h });
  }
  return merged.slice(0, max);
}

export interface SearchSnippet {
  /** A window of the raw record around the first hit, whitespace collapsed. */
  text: string;
  hits: Highlight[];
}

/** A short window of the raw text around its first hit, with the hits inside it. */
export function snippet(raw: string, terms: SearchTerm[], width = 160): SearchSnippet {
  const flat = raw.replace(/\s+/g, ' ');
  // JSON keys are not indexed (a record matched on its values), so a word in a key is not a hit.
  const all = findHits(flat, terms, 50, jsonKeyRanges(flat));
  const first = all[0]?.start ?? 0;
  const from = Math.max(0, first - 40);
  const to = Math.min(flat.length, from + width);
  const lead = from > 0 ? '…' : '';
  const text = `${lead}${flat.slice(from, to)}${to < flat.length ? '…' : ''}`;
  const hits = all.filter((h) => h.start >= from && h.end <= to).map((h) => ({ start: h.start - from + lead.length, end: h.end - from + lead.length }));
  return { text, hits };
}

/** Where a JSON text's object keys lie ([start, end) of each key's characters); none for other text. */
export function jsonKeyRanges(text: string): [number, number][] {
  const c = text.trimStart()[0];
  if (c !== '{' && c !== '[') return [];
  const ranges: [number, number][] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '"') continue;
    const start = i + 1;
    for (i = start; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    let j = i + 1;
    while (text[j] === ' ') j++;
    if (text[j] === ':') ranges.push([start, i]);
  }
  return ranges;
}
