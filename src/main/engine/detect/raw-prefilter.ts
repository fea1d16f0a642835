// Most records of a big case match no rule, and parsing them is most of a run's time. When every rule
// of a source needs some field to hold one of a few values (prefilter.ts), the record's stored JSON
// text shows whether it can: without a backslash, keys and string values appear in it verbatim, so the
// values of every key that could be the field's last step are a superset of the field's values.
// Anything this cannot decide (escapes, an object or a number written unusually) is parsed as usual.
import type { Plan } from './run-detect';

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

export interface TextKeys {
  /** Each key a needed value may sit under (quotes left off), with the values wanted there. */
  byKey: Map<string, Set<string>>;
  /** Lengths of those keys: most strings of a record are turned away by their length alone. */
  lengths: Set<number>;
  /** The rules without a needed value: text one of which must be in the record (prefilter.ts TextGuard). */
  guards: { any: string[]; cased: boolean }[];
}

/**
 * For each needed field, the keys its value may sit under: `a.b.c` is read from a key "c", or a flat
 * "b.c" or "a.b.c" (record-view.ts). Null when some rule runs on every record without a text guard.
 */
export function textKeys(plan: Plan): TextKeys | null {
  if (plan.always.some((r) => !r.guard)) return null;
  const out: TextKeys = { byKey: new Map(), lengths: new Set(), guards: plan.always.map((r) => r.guard!) };
  for (const [field, byValue] of plan.byField) {
    if (/["\\\u0000-\u001f]/.test(field)) return null;
    const parts = field.split('.');
    for (let j = 0; j < parts.length; j++) {
      const key = parts.slice(j).join('.');
      const values = out.byKey.get(key) ?? new Set<string>();
      for (const v of byValue.keys()) values.add(v);
      out.byKey.set(key, values);
      out.lengths.add(key.length);
    }
  }
  return out;
}

/** The value at `i` as Sigma compares it (lowercased), null for JSON null, undefined when the text cannot say. */
function valueAt(text: string, i: number): string | null | undefined {
  while (isSpace(text.charCodeAt(i))) i++;
  const c = text.charCodeAt(i);
  if (c === 34) {
    const end = text.indexOf('"', i + 1);
    return end < 0 ? undefined : text.slice(i + 1, end).toLowerCase();
  }
  let end = i;
  while (end < text.length && !',}] \t\r\n'.includes(text[end]!)) end++;
  const token = text.slice(i, end);
  if (token === 'true' || token === 'false') return token;
  if (token === 'null') return null;
  // A number is compared as JavaScript writes it: plain integers are written as they are.
  if (/^-?(0|[1-9]\d{0,14})$/.test(token)) return token;
  return undefined;
}

/**
 * True when the text shows that no rule of the plan can match the record (so it need not be parsed):
 * one pass over its strings, each key among the needed ones checked against the values wanted there.
 */
export function cannotMatch(plan: TextKeys, text: string): boolean {
  if (text.includes('\\')) return false;
  let lower: string | null = null;
  for (const g of plan.guards) {
    if (!g.cased) lower ??= text.toLowerCase();
    const hay = g.cased ? text : lower!;
    if (g.any.some((t) => hay.includes(t))) return false;
  }
  for (let i = text.indexOf('"'); i >= 0;) {
    const end = text.indexOf('"', i + 1);
    if (end < 0) return false;
    let j = end + 1;
    while (isSpace(text.charCodeAt(j))) j++;
    // A key is followed by a colon; a string value is not.
    if (text.charCodeAt(j) === 58 && plan.lengths.has(end - i - 1)) {
      const wanted = plan.byKey.get(text.slice(i + 1, end));
      if (wanted) {
        const v = valueAt(text, j + 1);
        if (v === undefined || (v !== null && wanted.has(v))) return false;
      }
    }
    i = text.indexOf('"', end + 1);
  }
  return true;
}
