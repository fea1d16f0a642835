// Most records of a big case match no rule, and parsing them is most of a run's time. When every rule
// of a source needs some field to hold one of a few values (prefilter.ts), the record's stored JSON
// text shows whether it can: without a backslash, keys and string values appear in it verbatim, so the
// values of every key that could be the field's last step are a superset of the field's values.
// Anything this cannot decide (escapes, an object or a number written unusually) is parsed as usual.
import type { Plan } from './plan';

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

export interface TextKeys {
  /** Each key a needed value may sit under (quotes left off), with the values wanted there. */
  byKey: Map<string, Set<string>>;
  /** Finds `"key":` for every key of byKey in one pass (a global regex: its lastIndex is reset per use). */
  keyRe: RegExp;
  /** The rules without a needed value: text one of which must be in the record (prefilter.ts TextGuard). */
  guards: { any: string[]; cased: boolean }[];
  /** The guards' texts compared as they are, and those that ignore case as one case-blind regex. */
  cased: string[];
  uncased: RegExp | null;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * For each needed field, the keys its value may sit under: `a.b.c` is read from a key "c", or a flat
 * "b.c" or "a.b.c" (record-view.ts). Null when some rule runs on every record without a text guard.
 */
export function textKeys(plan: Plan): TextKeys | null {
  if (plan.always.some((r) => !r.guard)) return null;
  const byKey = new Map<string, Set<string>>();
  for (const [field, byValue] of plan.byField) {
    if (/["\\\u0000-\u001f]/.test(field)) return null;
    const parts = field.split('.');
    for (let j = 0; j < parts.length; j++) {
      const key = parts.slice(j).join('.');
      const values = byKey.get(key) ?? new Set<string>();
      for (const v of byValue.keys()) values.add(v);
      byKey.set(key, values);
    }
  }
  const guards = plan.always.map((r) => r.guard!);
  const uncased = [...new Set(guards.filter((g) => !g.cased).flatMap((g) => g.any))];
  return {
    byKey,
    // A key that never occurs still gets a regex, one that finds nothing.
    keyRe: new RegExp(`"(${[...byKey.keys()].map(escapeRe).join('|') || '(?!)'})"[ \\t\\r\\n]*:`, 'g'),
    guards,
    cased: guards.filter((g) => g.cased).flatMap((g) => g.any),
    // Uncased texts are printable ASCII (prefilter.ts), where a case-blind regex and lowercasing agree.
    uncased: uncased.length ? new RegExp(uncased.map(escapeRe).join('|'), 'i') : null,
  };
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
 * The only characters whose lowercase holds ASCII (İ → i̇, the Kelvin sign → k): with them lowercasing
 * can make a guard's text appear where a case-blind regex, which never folds them, would not find it.
 */
const LOWERS_TO_ASCII = /[\u0130\u212a]/;

function guarded(plan: TextKeys, text: string): boolean {
  for (const t of plan.cased) if (text.includes(t)) return true;
  if (!plan.uncased) return false;
  if (!LOWERS_TO_ASCII.test(text)) return plan.uncased.test(text);
  const lower = text.toLowerCase();
  return plan.guards.some((g) => !g.cased && g.any.some((t) => lower.includes(t)));
}

/**
 * True when the text shows that no rule of the plan can match the record (so it need not be parsed):
 * no guard's text is in it, and every needed key in it holds none of the values wanted there.
 */
export function cannotMatch(plan: TextKeys, text: string): boolean {
  if (text.includes('\\')) return false;
  if (guarded(plan, text)) return false;
  // Without backslashes no string holds a quote, so `"key":` is always a key, never inside a value.
  const re = plan.keyRe;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const v = valueAt(text, re.lastIndex);
    if (v === undefined || (v !== null && plan.byKey.get(m[1]!)!.has(v))) return false;
  }
  return true;
}
