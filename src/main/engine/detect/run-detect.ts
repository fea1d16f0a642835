// Runs Sigma rules over a case: each source's records against the rules whose logsource names its
// vendor. The matches are kept in the case (findings table) so `finding` filters, exports and other
// processes see them; the run's summary is kept in meta for the panel to show without running again.
import type { CaseStore } from '../store/case-store';
import type { DetectResult, RuleFinding } from '../../../shared/detect';
import { compareFindings } from '../../../shared/detect';
import { sourceValues } from '../import/source-values';
import os from 'node:os';
import { RecordView } from './record-view';
import { ruleVendors } from './logsource';
import type { SigmaRule } from './sigma-rule';
import { textKeys } from './raw-prefilter';
import { candidates, everyRule, planOf, type Plan } from './plan';
import { matchBatch, type BatchResult, type SourcePlan } from './match-batch';
import { DetectPool } from './detect-pool';

export { candidates, planOf, type Plan } from './plan';

const META_KEY = 'detect_result';
const YIELD_EVERY = 20_000;
const BATCH = 4096;
/** JSON records from which a second thread pays for its start (compiling the rules again). */
const PARALLEL_FROM = 100_000;

export interface DetectOptions {
  onProgress?: (done: number, total: number) => void;
  rulesDir?: string | null;
  /**
   * Parse every record and try every rule of its source on it: the plain path the fast one (plans by
   * needed value, the raw-text prefilter) is checked against in the tests and the bench.
   */
  reference?: boolean;
  /** Filled with what the run did, so tests and the bench can tell the fast path ran. */
  stats?: DetectStats;
  /** JSON records from which the fast path also runs in a worker thread (default 100,000 with 2+ cores). */
  parallelFrom?: number;
}

export interface DetectStats {
  /** Records of the sources the rules apply to. */
  records: number;
  /** Records parsed to JSON; the rest were turned down from their text. */
  parsed: number;
  /** Records matched in the detection worker rather than the engine thread. */
  inWorker: number;
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
  // AD_DETECT_FAST=0 switches the fast path off, as AD_COLUMNS=0 does the column engine.
  const reference = opts.reference ?? process.env.AD_DETECT_FAST === '0';
  const plans = new Map<number, SourcePlan>(
    wanted.map((s) => {
      const plan = reference ? everyRule(byVendor.get(s.vendor)!) : planOf(byVendor.get(s.vendor)!);
      return [s.id, { plan, keys: reference ? null : textKeys(plan) }];
    }),
  );
  const stats = opts.stats ?? { records: 0, parsed: 0, inWorker: 0 };
  Object.assign(stats, { records: total, parsed: 0, inWorker: 0 });
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
    const ruleNo = new Map(rules.map((r, i) => [r, i]));
    const jsonEvents = json.reduce((n, s) => n + s.events, 0);
    // AD_DETECT_WORKER=0 keeps the run in the engine thread (to compare in the bench), =1 starts the worker whatever the size.
    const worker = process.env.AD_DETECT_WORKER;
    const parallelFrom = opts.parallelFrom ?? (worker === '1' ? 0 : worker === '0' || os.availableParallelism() < 2 ? Infinity : PARALLEL_FROM);
    const pool =
      !reference && jsonEvents >= parallelFrom && rules.every((r) => r.source !== undefined)
        ? new DetectPool({
            rules: rules.map((r) => ({ source: r.source!, file: r.file })),
            sources: json.map((s) => [s.id, byVendor.get(s.vendor)!.map((r) => ruleNo.get(r)!)]),
          })
        : null;
    // Results are kept in batch order and merged at the end, so hits and warnings come in record order.
    const results: (BatchResult | Promise<BatchResult>)[] = [];
    try {
      for await (const b of batches) {
        const input = { entries: b.entries, at: b.at, nums: b.cols.nums, n: b.cols.n };
        if (pool?.wantsMore()) {
          const r = pool.run(input).then((reply) => {
            spare.push(Buffer.from(reply.buffer));
            stats.inWorker += input.n;
            return reply.result;
          });
          // A failure is reported once every batch is handed out (below), not as an unhandled rejection.
          r.catch(() => undefined);
          results.push(r);
        } else {
          results.push(matchBatch(input, plans, ruleNo, view));
          // The batch's buffer is filled again with a later batch instead of a fresh one.
          spare.push(Buffer.from(b.entries.buffer, b.entries.byteOffset, b.entries.buffer.byteLength - b.entries.byteOffset));
        }
        const before = done;
        done += input.n;
        if (Math.floor(done / YIELD_EVERY) > Math.floor(before / YIELD_EVERY)) await pause();
      }
      for (const r of await Promise.all(results)) {
        stats.parsed += r.parsed;
        warnings.push(...r.warnings);
        for (let i = 0; i < r.hits.length; i += 2) {
          const rule = rules[r.hits[i]!]!;
          let list = hits.get(rule);
          if (!list) hits.set(rule, (list = []));
          list.push(r.hits[i + 1]!);
        }
      }
    } finally {
      pool?.close();
    }
  }
  for (const src of wanted) {
    if (batches && src.format.startsWith('json')) continue;
    try {
      for await (const { eventId, value } of sourceValues(store, src)) {
        stats.parsed++;
        if (check(plans.get(src.id)!.plan, eventId, value)) await pause();
      }
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
