// Which rules a record must be tried with: a rule that needs a field to hold one of some values
// (prefilter.ts) is tried only on the records holding one of them.
import type { SigmaRule } from './sigma-rule';
import type { RecordView } from './record-view';

export interface Plan {
  always: SigmaRule[];
  /** Rules by the field value they need (prefilter.ts). */
  byField: Map<string, Map<string, SigmaRule[]>>;
}

export function planOf(rules: readonly SigmaRule[]): Plan {
  const plan: Plan = { always: [], byField: new Map() };
  for (const r of rules) {
    if (!r.needs) {
      plan.always.push(r);
      continue;
    }
    let byValue = plan.byField.get(r.needs.field);
    if (!byValue) plan.byField.set(r.needs.field, (byValue = new Map()));
    for (const v of r.needs.values) byValue.set(v, [...(byValue.get(v) ?? []), r]);
  }
  return plan;
}

/** Every rule on every record: the reference path. */
export function everyRule(rules: readonly SigmaRule[]): Plan {
  return { always: [...rules], byField: new Map() };
}

/** The rules that may match this record: those without a need, and those whose needed value it has. */
export function candidates(plan: Plan, view: RecordView): SigmaRule[] {
  let out: SigmaRule[] | null = null;
  for (const [field, byValue] of plan.byField) {
    const values = view.field(field).lower;
    for (const v of values) {
      const rs = byValue.get(v);
      if (!rs) continue;
      out ??= [...plan.always];
      for (const r of rs) if (!out.includes(r)) out.push(r);
    }
  }
  return out ?? plan.always;
}
