// Runs Sigma rules over a case: each source's records against the rules whose logsource names its
// vendor. The matches are kept in the case (findings table) so `finding` filters, exports and other
// processes see them; the run's summary is kept in meta for the panel to show without running again.
import type { CaseStore } from '../store/case-store';
import type { DetectResult, RuleFinding } from '../../../shared/detect';
import { compareFindings } from '../../../shared/detect';
import { sourceValues } from '../import/source-values';
import { RecordView } from './record-view';
import { ruleVendors } from './logsource';
import type { SigmaRule } from './sigma-rule';
import { cannotMatch, textKeys } from './raw-prefilter';

const META_KEY = 'detect_result';
const YIELD_EVERY = 20_000;
const BATCH = 4096;

export interface DetectOptions {
  onProgress?: (done: number, total: number) => void;
  rulesDir?: string | null;
}

export async function runDetect(store: CaseStore, rules: readonly SigmaRule[], opts: DetectOptions = {}): Promise<DetectResult> {
  const sources = store.info().sources;
  const caseVendors = [...new Set(sources.map((s) => s.vendor))];
  const byVendor = new Map<string, SigmaRule[]>();
  const skipped = new Map<string, string>();
  for (const r of rules) {
    if (r.skipped) continue;
    const target = ruleVendors(r.logsource, caseVendors);
    if ('reason' in target) {
      skipped.set(r.file, target.reason);
      continue;
    }
    for (const v of target.vendors) byVendor.set(v, [...(byVendor.get(v) ?? []), r]);
  }
  const hits = new Map<SigmaRule, number[]>();
  const warnings: string[] = [];
  const wanted = sources.filter((s) => byVendor.has(s.vendor));
  const total = wanted.reduce((n, s) => n + s.events, 0);
  const view = new RecordView();
  let done = 0;
  const check = (plan: Plan, eventId: number, value: unknown): boolean => {
    view.reset(value);
    for (const r of candidates(plan, view)) {
      if (!r.match(view)) continue;
      let list = hits.get(r);
      if (!list) hits.set(r, (list = []));
      list.push(eventId);
    }
    return ++done % YIELD_EVERY === 0;
  };
  // Other calls (the timeline, facets) are answered between chunks of the run.
  const pause = async () => {
    opts.onProgress?.(done, total);
    await new Promise((res) => setImmediate(res));
  };
  const plans = new Map(wanted.map((s) => [s.id, planOf(byVendor.get(s.vendor)!)]));
  const keysOf = new Map([...plans].map(([id, plan]) => [id, textKeys(plan)]));
  // JSON records are parsed from their stored text, read in large batches; CSV rows need their file.
  const json = wanted.filter((s) => s.format.startsWith('json'));
  const spare: Buffer[] = [];
  const batches = json.length
    ? store.sourceEntryBatches(
        json.map((s) => s.id),
        BATCH,
        spare,
      )
    : null;
  if (batches) {
    for await (const b of batches) {
      const { nums, n } = b.cols;
      for (let i = 0; i < n; i++) {
        const plan = plans.get(nums[i * 4 + 1]!);
        if (!plan) continue;
        const at = b.at[i]!;
        const xLen = b.entries.readUInt32LE(at);
        const text = b.entries.toString('utf8', at + 4 + xLen, at + nums[i * 4 + 3]!);
        const keys = keysOf.get(nums[i * 4 + 1]!);
        if (keys && cannotMatch(keys, text)) {
          if (++done % YIELD_EVERY === 0) await pause();
          continue;
        }
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch (e) {
          warnings.push(`event ${nums[i * 4]}: its stored record is not JSON (${(e as Error).message})`);
          continue;
        }
        if (check(plan, nums[i * 4]!, value)) await pause();
      }
      // The batch's buffer is filled again with a later batch instead of a fresh one.
      spare.push(Buffer.from(b.entries.buffer, b.entries.byteOffset, b.entries.buffer.byteLength - b.entries.byteOffset));
    }
  }
  for (const src of wanted) {
    if (batches && src.format.startsWith('json')) continue;
    try {
      for await (const { eventId, value } of sourceValues(store, src)) if (check(plans.get(src.id)!, eventId, value)) await pause();
    } catch (e) {
      warnings.push(`${src.name}: ${(e as Error).message}`);
    }
  }
  opts.onProgress?.(total, total);
  const findings: RuleFinding[] = rules.map((r) => ({
    id: r.id,
    title: r.title,
    level: r.level,
    author: r.author,
    file: r.file,
    hits: hits.get(r)?.length ?? 0,
    skipped: r.skipped ?? skipped.get(r.file) ?? null,
  }));
  findings.sort(compareFindings);
  const result: DetectResult = { rules: findings, events: total, warnings, ranAt: new Date().toISOString(), rulesDir: opts.rulesDir ?? null };
  keepFindings(store, hits, result);
  return result;
}

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

/** Replaces the last run's matches in the case's findings table and meta. */
function keepFindings(store: CaseStore, hits: Map<SigmaRule, number[]>, result: DetectResult): void {
  store.replaceFindings(
    [...hits].map(([r, ids]) => [r.id, ids]),
    META_KEY,
    JSON.stringify(result),
  );
  store.annotationsChanged();
}

/** The last run's summary kept in the case, or null when rules never ran on it. */
export function lastDetect(store: CaseStore): DetectResult | null {
  const value = store.meta(META_KEY);
  return value != null ? (JSON.parse(value) as DetectResult) : null;
}
