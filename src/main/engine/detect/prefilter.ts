// A field value every match of a rule must have (`eventName` one of a few names, `eventSource` one
// service), read from its detection: the runner then runs a rule only on the records that have it,
// instead of every rule on every record. A necessary condition only, so what matches never changes.
import type { Cond } from './sigma-condition';

export interface Needs {
  field: string;
  /** Lowercased, as plain Sigma values compare. */
  values: Set<string>;
}

/**
 * Fields that hold one of few values across a whole log (the service, the category): a need on them
 * turns few records down, so another field of the rule is preferred when it has one.
 */
const BROAD = new Set([
  'eventSource',
  'eventService',
  'Workload',
  'Category',
  'category',
  'CategoryValue',
  'LoggedByService',
  'Status',
  'ResultType',
  'userIdentity.type',
  'outcome.result',
]);

/** Whether need a picks out fewer records than need b, as far as can be told from the rule. */
function narrower(a: Needs, b: Needs): boolean {
  const ba = BROAD.has(a.field);
  const bb = BROAD.has(b.field);
  if (ba !== bb) return bb;
  return a.values.size < b.values.size;
}

/** Plain values of a modifier-free field: the only ones that must equal the record's value. */
function plainValues(value: unknown): Set<string> | null {
  const list = Array.isArray(value) ? value : [value];
  const out = new Set<string>();
  for (const v of list) {
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return null;
    const s = String(v);
    if (/[*?\\]/.test(s)) return null;
    out.add(s.toLowerCase());
  }
  return out.size ? out : null;
}

function selectionNeeds(body: unknown): Needs | null {
  if (Array.isArray(body)) {
    // A list of maps matches when one of them does: each must need the same field.
    const alts = body.map(selectionNeeds);
    return union(alts);
  }
  if (body === null || typeof body !== 'object') return null;
  let best: Needs | null = null;
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (!key || key.includes('|')) continue;
    const values = plainValues(value);
    if (values && (!best || narrower({ field: key, values }, best))) best = { field: key, values };
  }
  return best;
}

function union(xs: (Needs | null)[]): Needs | null {
  if (!xs.length || xs.some((x) => !x)) return null;
  const field = xs[0]!.field;
  if (xs.some((x) => x!.field !== field)) return null;
  return { field, values: new Set(xs.flatMap((x) => [...x!.values])) };
}

function smallest(xs: (Needs | null)[]): Needs | null {
  return xs.reduce<Needs | null>((best, x) => (x && (!best || narrower(x, best)) ? x : best), null);
}

export function ruleNeeds(cond: Cond, detection: Record<string, unknown>): Needs | null {
  switch (cond.kind) {
    case 'ref':
      return selectionNeeds(detection[cond.name]);
    case 'not':
      return null;
    case 'and':
      return smallest(cond.args.map((a) => ruleNeeds(a, detection)));
    case 'or':
      return union(cond.args.map((a) => ruleNeeds(a, detection)));
    case 'of': {
      const each = cond.names.map((n) => selectionNeeds(detection[n]));
      return cond.quant === 'all' ? smallest(each) : union(each);
    }
  }
}

/**
 * Text every match's stored record must contain, one of `any` (lowercased unless `cased`): for rules
 * that no field value picks out (a `re` or `contains` test), so the raw-text check can still turn
 * records down. Pieces are cut at JSON's structural characters and must hold a character no JSON
 * number has, so they appear verbatim in the record's text whatever its spacing.
 */
export interface TextGuard {
  any: string[];
  cased: boolean;
}

function piece(s: string): string {
  const parts = s.split(/["{}[\],:\s]+/).filter((p) => p.length >= 3 && /[^0-9.eE+-]/.test(p));
  return parts.reduce((a, b) => (b.length > a.length ? b : a), '');
}

function entryGuard(key: string, value: unknown, regexLiteral: (p: string) => string): TextGuard | null {
  const [field, ...mods] = key.split('|');
  if (!field || mods.some((m) => !['contains', 'startswith', 'endswith', 're', 'i', 'cased'].includes(m))) return null;
  const list = Array.isArray(value) ? value : [value];
  if (!list.length || list.some((v) => typeof v !== 'string')) return null;
  const isRe = mods.includes('re');
  const cased = mods.includes('cased') || (isRe && !mods.includes('i'));
  const any: string[] = [];
  for (const v of list as string[]) {
    // Wildcards split a plain value into pieces, any of which must be there; escapes are left alone.
    const lit = isRe ? piece(regexLiteral(v)) : /\\/.test(v) ? '' : piece(v.split(/[*?]/).reduce((a, b) => (b.length > a.length ? b : a), ''));
    if (!lit || (!cased && /[^\x20-\x7e]/.test(lit))) return null;
    any.push(cased ? lit : lit.toLowerCase());
  }
  return { any, cased };
}

function selectionGuard(body: unknown, regexLiteral: (p: string) => string): TextGuard | null {
  // Keywords: words any value of the record contains, so the record's text does too.
  if (typeof body === 'string') return entryGuard('keyword|contains', body, regexLiteral);
  if (Array.isArray(body) && body.every((b) => typeof b === 'string')) return entryGuard('keyword|contains', body, regexLiteral);
  if (Array.isArray(body)) return joinGuards(body.map((b) => selectionGuard(b, regexLiteral)));
  if (body === null || typeof body !== 'object') return null;
  let best: TextGuard | null = null;
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    const g = entryGuard(key, value, regexLiteral);
    if (g && (!best || g.any.length < best.any.length)) best = g;
  }
  return best;
}

/** Either of several guards: all their texts, when they fold case alike. */
function joinGuards(gs: (TextGuard | null)[]): TextGuard | null {
  if (!gs.length || gs.some((g) => !g) || gs.some((g) => g!.cased !== gs[0]!.cased)) return null;
  return { any: gs.flatMap((g) => g!.any), cased: gs[0]!.cased };
}

export function ruleGuard(cond: Cond, detection: Record<string, unknown>, regexLiteral: (p: string) => string): TextGuard | null {
  const of = (c: Cond): TextGuard | null => {
    switch (c.kind) {
      case 'ref':
        return selectionGuard(detection[c.name], regexLiteral);
      case 'not':
        return null;
      case 'and':
        return c.args.map(of).find((g) => g) ?? null;
      case 'or':
        return joinGuards(c.args.map(of));
      case 'of': {
        const each = c.names.map((n) => selectionGuard(detection[n], regexLiteral));
        return c.quant === 'all' ? (each.find((g) => g) ?? null) : joinGuards(each);
      }
    }
  };
  return of(cond);
}
