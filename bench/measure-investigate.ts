// Trace and diff timings on an imported case, through the engine's own investigate code (what the
// engine worker runs for traceRequest / traceEvent / eventDiff). Prints one JSON document on stdout.
//   node --import tsx bench/measure-investigate.ts CASE [--runs 50]
import { caseArgs, ms, stats } from './bench-cli';
import { CaseStore } from '../src/main/engine/store/case-store';
import { traceByRequestId, traceFromEvent } from '../src/main/engine/investigate/trace';
import { eventDiff } from '../src/main/engine/investigate/diff';
import { facets, histogram, summarize } from '../src/main/engine/investigate/overview';
import { countRows } from '../src/main/engine/investigate/whole-case';
import type { EventQuery } from '../src/shared/query';
import { uiWait } from './ui-wait';
import { qlWait } from './ql-wait';

const { casePath, values } = caseArgs('node --import tsx bench/measure-investigate.ts CASE [--runs N]', ['runs']);
const RUNS = Number(values.runs ?? 50);
// A trace takes about a millisecond, so one scheduler stall on this shared machine is several times that:
// with few runs the p95 is the second-worst run and says more about the machine than the trace. Traces
// are cheap, so they are timed over at least 200 different events.
const TRACE_RUNS = Math.max(RUNS, 200);
/** Stats of all runs, and (byKey) of the runs of each sample, e.g. the whole case and one filter. */
function time(ids: string[], fn: (id: string) => unknown, runs = RUNS): ReturnType<typeof stats> & { byKey?: Record<string, ReturnType<typeof stats>> } {
  fn(ids[0]); // warm-up
  const xs: number[] = [];
  const per = new Map<string, number[]>();
  for (let i = 0; i < runs; i++) {
    const id = ids[i % ids.length];
    const t0 = process.hrtime.bigint();
    fn(id);
    const x = ms(t0);
    xs.push(x);
    per.set(id, [...(per.get(id) ?? []), x]);
  }
  return ids.length <= 2 ? { ...stats(xs), byKey: Object.fromEntries([...per].map(([k, v]) => [k, stats(v)])) } : stats(xs);
}

async function main() {
  const store = await CaseStore.open(casePath);
  const count = store.count();
  // Samples spread over the case: request ids and event ids at evenly spaced rowids.
  const sample = (sql: string) => store.withDb((db) => (db.exec(sql)[0]?.values ?? []).map((r) => String(r[0])));
  const step = Math.max(1, Math.floor(count / TRACE_RUNS));
  const reqs = sample(`SELECT req FROM events WHERE req IS NOT NULL AND id % ${step} = 0 LIMIT ${TRACE_RUNS}`);
  const ids = sample(`SELECT id FROM events WHERE id % ${step} = 0 LIMIT ${TRACE_RUNS}`);
  const diffIds = ids.filter((id) => store.getEvent(id).hasDiff).slice(0, RUNS);
  // A case without stored whole-case counts (imported by a version before they were kept) pays one pass
  // over its rows on the first unfiltered look; a case imported or remapped now has them in its file.
  const t0 = process.hrtime.bigint();
  const counted = countRows(store);
  const wholeCaseCountMs = ms(t0);
  if (counted && !store.wholeCaseHead()) {
    store.keepWholeCaseTally(counted);
    store.save();
  }
  let traced = 0;
  const [topAction] = sample('SELECT action FROM events WHERE action IS NOT NULL GROUP BY action ORDER BY count(*) DESC LIMIT 1');
  const filterOf = (k: string): EventQuery => (k === 'all' || !topAction ? {} : { where: [{ field: 'action', op: 'eq', value: topAction }] });
  const out = {
    events: count,
    // Caches dropped before each trace: a sample smaller than the runs repeats ids, and counts are kept per filter.
    traceRequest: reqs.length
      ? { ...time(reqs, (r) => (store.dropCaches(), (traced += traceByRequestId(store, r).events.length)), TRACE_RUNS), sample: reqs.length }
      : null,
    traceEvent: { ...time(ids, (id) => (store.dropCaches(), traceFromEvent(store, id)), TRACE_RUNS), sample: ids.length },
    eventDiff: diffIds.length ? { ...time(diffIds, (id) => eventDiff(store, id)), sample: diffIds.length } : null,
    // The overview of the whole case and of its most common action (what the UI asks for on every filter change).
    // Cold: the per-filter aggregate cache is dropped before each run (the first look at a filter), and
    // the whole-case counts are read from the case file again (the first look after opening the case).
    summarize: time(['all', 'one'], (k) => (store.dropCaches(), summarize(store, filterOf(k)))),
    histogram: time(['all', 'one'], (k) => (store.dropCaches(), histogram(store, filterOf(k)))),
    facets: time(['all', 'one'], (k) => (store.dropCaches(), facets(store, filterOf(k), undefined, 6))),
    // Warm: going back to a filter seen since the case last changed.
    wholeCaseCountMs,
    facetsCached: time(['all', 'one'], (k) => facets(store, filterOf(k), undefined, 6)),
    // The UI's wait after a filter change: SQL path, column path and a plain scan of the columns (bench/ui-wait.ts).
    uiWait: uiWait(store, 20, 5),
    // The same wait for query-language filters (bench/ql-wait.ts), column path and SQL path.
    queryLanguage: qlWait(store, 2),
    meanTraceEvents: reqs.length ? traced / (TRACE_RUNS + 1) : 0,
    peakRssBytes: process.memoryUsage().rss,
  };
  store.close();
  process.stdout.write(`${JSON.stringify(out)}\n`);
}
void main();
