// A field value every match of a rule must have (`eventName` one of a few names, `eventSource` one
// service), read from its detection: the runner then runs a rule only on the records that have it,
// instead of every rule on every record. A necessary condition only, so what matches never changes.
import type { Cond } from './sigma-condition';

export interface Needs {
  field: string;
  /** Lowercased, as plain Sigma values compare. */
  values: Set<string>;
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
    if (values && (!best || values.size < best.values.size)) best = { field: key, values };
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
  return xs.reduce<Needs | null>((best, x) => (x && (!best || x.values.size < best.values.size) ? x : best), null);
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
