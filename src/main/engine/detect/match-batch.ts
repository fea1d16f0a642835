// One batch of stored JSON records against the rules of their sources: the work the engine thread and
// the detection worker (detect-worker.ts) share, so both give the same hits in the same order.
import { RecordView } from './record-view';
import { candidates, type Plan } from './plan';
import { cannotMatch, type TextKeys } from './raw-prefilter';
import type { SigmaRule } from './sigma-rule';

export interface SourcePlan {
  plan: Plan;
  /** Null when the record's text cannot turn it down (the reference path, or a rule with no guard). */
  keys: TextKeys | null;
}

/** Records as the store reads them (case-store.ts EntryBatch): per record `id, src, off, len` in nums. */
export interface BatchInput {
  entries: Uint8Array;
  at: Int32Array;
  nums: Float64Array;
  n: number;
}

export interface BatchResult {
  /** (rule number, event id) pairs, in record order. */
  hits: number[];
  warnings: string[];
  parsed: number;
}

export function matchBatch(b: BatchInput, plans: ReadonlyMap<number, SourcePlan>, ruleNo: ReadonlyMap<SigmaRule, number>, view: RecordView): BatchResult {
  const out: BatchResult = { hits: [], warnings: [], parsed: 0 };
  const buf = Buffer.from(b.entries.buffer, b.entries.byteOffset, b.entries.byteLength);
  const { nums } = b;
  for (let i = 0; i < b.n; i++) {
    const sp = plans.get(nums[i * 4 + 1]!);
    if (!sp) continue;
    const at = b.at[i]!;
    const xLen = buf.readUInt32LE(at);
    const text = buf.toString('utf8', at + 4 + xLen, at + nums[i * 4 + 3]!);
    if (sp.keys && cannotMatch(sp.keys, text)) continue;
    const eventId = nums[i * 4]!;
    let value: unknown;
    out.parsed++;
    try {
      value = JSON.parse(text);
    } catch (e) {
      out.warnings.push(`event ${eventId}: its stored record is not JSON (${(e as Error).message})`);
      continue;
    }
    view.reset(value);
    for (const r of candidates(sp.plan, view)) if (r.match(view)) out.hits.push(ruleNo.get(r)!, eventId);
  }
  return out;
}
