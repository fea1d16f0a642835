// How a query term compares one value, the same in the SQL path (as a SQL function) and the column path:
// exact is equality; wildcards match the whole value, folding ASCII letters only, as SQLite's LIKE does
// (so field:*x* means what --where field~x means); a /regex/ (JavaScript syntax) must match the whole value.
// In "contains" mode (bare terms, searched in every model field) the value may be anywhere.
import type { QlMatch } from './ql';

const asciiLower = (s: string) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
const escapeRe = (c: string) => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** A wildcard pattern (backslash escapes kept) as a regular expression over ASCII-lowered text. */
function wildcardRe(pattern: string, contains: boolean): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) re += escapeRe(asciiLower(pattern[++i]));
    else if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else re += escapeRe(asciiLower(c));
  }
  return new RegExp(contains ? re : `^${re}$`, 'su');
}

/** The test of one value (null: no value, never matches). */
export function matcherOf(m: QlMatch, contains = false): (value: string | null) => boolean {
  if (m.kind === 'exact') {
    if (!contains) return (v) => v === m.value;
    const needle = asciiLower(m.value);
    return (v) => v !== null && asciiLower(v).includes(needle);
  }
  if (m.kind === 'wildcard') {
    const re = wildcardRe(m.pattern, contains);
    return (v) => v !== null && re.test(asciiLower(v));
  }
  const re = new RegExp(contains ? m.source : `^(?:${m.source})$`);
  return (v) => v !== null && re.test(v);
}

/** `*x*` with no other wildcard: the plain substring x (the --where FIELD~x form), else null. */
export function plainContains(m: QlMatch): string | null {
  if (m.kind !== 'wildcard') return null;
  const inner = /^\*([^*?\\]+)\*$/.exec(m.pattern);
  return inner ? inner[1] : null;
}

/**
 * The values at a dotted path of a JSON record (arrays give each element; a string holding JSON is read
 * as JSON, as the mapping does for CloudTrail's CloudTrailEvent); numbers and booleans as text, objects as
 * JSON, null left out. A record that is not JSON (a CSV row, a log line) has no paths.
 */
export function valuesAtPath(raw: string, path: readonly string[]): string[] {
  const first = raw.trimStart()[0];
  if (first !== '{' && first !== '[') return [];
  let here: unknown[];
  try {
    here = [JSON.parse(raw)];
  } catch {
    return [];
  }
  for (const key of path) {
    const next: unknown[] = [];
    for (let v of here) {
      if (typeof v === 'string' && /^\s*[{[]/.test(v)) {
        try {
          v = JSON.parse(v);
        } catch {
          continue;
        }
      }
      for (const item of Array.isArray(v) ? v : [v]) {
        if (item && typeof item === 'object' && !Array.isArray(item) && Object.hasOwn(item, key)) next.push((item as Record<string, unknown>)[key]);
      }
    }
    here = next;
  }
  const out: string[] = [];
  const leaf = (v: unknown) => {
    if (v === null || v === undefined) return;
    if (Array.isArray(v)) v.forEach(leaf);
    else out.push(typeof v === 'object' ? JSON.stringify(v) : String(v));
  };
  here.forEach(leaf);
  return out;
}
