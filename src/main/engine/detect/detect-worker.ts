// The detection worker: compiles the same rules as the engine thread (from their YAML read as data, so
// no YAML is parsed twice) and matches the batches it is sent (match-batch.ts), handing each batch's
// buffer back with its hits.
import { parentPort, workerData } from 'node:worker_threads';
import { compileRuleSource } from './sigma-rule';
import { planOf } from './plan';
import { textKeys } from './raw-prefilter';
import { RecordView } from './record-view';
import { matchBatch, type SourcePlan } from './match-batch';
import type { BatchAsk, DetectWorkerData } from './detect-pool';

const data = workerData as DetectWorkerData;
const rules = data.rules.map((r) => compileRuleSource(r.source, r.file));
const ruleNo = new Map(rules.map((r, i) => [r, i]));
const plans = new Map<number, SourcePlan>(
  data.sources.map(([src, nos]) => {
    const plan = planOf(nos.map((i) => rules[i]!));
    return [src, { plan, keys: textKeys(plan) }];
  }),
);
const view = new RecordView();

parentPort!.on('message', (m: BatchAsk) => {
  const result = matchBatch({ entries: new Uint8Array(m.buffer, m.offset, m.length), at: m.at, nums: m.nums, n: m.n }, plans, ruleNo, view);
  parentPort!.postMessage({ seq: m.seq, result, buffer: m.buffer }, [m.buffer]);
});
