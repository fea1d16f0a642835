// Reopen and page-query timings on an imported case, through the engine's own CaseStore (the code
// the engine worker runs for openCase / queryEvents). Prints one JSON document on stdout.
//   node --import tsx bench/measure-store.ts CASE [--runs 50] [--reopens 5]
import { caseArgs, ms, stats as seriesStats } from './bench-cli';
import { CaseStore } from '../src/main/engine/store/case-store';
import { orderClause, whereClause } from '../src/main/engine/store/query-sql';
import type { EventQuery } from '../src/shared/query';

const { casePath, values } = caseArgs('node --import tsx bench/measure-store.ts CASE [--runs N] [--reopens N]', ['runs', 'reopens']);
const RUNS = Number(values.runs ?? 50);
const REOPENS = Number(values.reopens ?? 5);

/** The shared summary, with the fastest run too (reopens: the first pays the wasm compile). */
const stats = (xs: number[]) => ({ ...seriesStats(xs), minMs: Math.min(...xs) });

async function main() {
  // ---- reopen: CaseStore.open + info(); the first one also pays sql.js's wasm compile ----
  const reopen: number[] = [];
  let info = null as ReturnType<CaseStore['info']> | null;
  for (let i = 0; i < REOPENS; i++) {
    const t0 = process.hrtime.bigint();
    const store = await CaseStore.open(casePath);
    info = store.info();
    reopen.push(ms(t0));
    store.close();
  }
  const rssAfterReopen = process.memoryUsage().rss;

  const store = await CaseStore.open(casePath);
  const total = store.count();
  // Query parameters come from the data, so the same script fits any generated file.
  const common = store.withDb((db) => db.exec('SELECT action, count(*) FROM events GROUP BY action ORDER BY 2 DESC LIMIT 1')[0].values[0]);
  const commonAction = String(common[0]);
  const commonCount = Number(common[1]);
  const deep = (n: number) => Math.max(0, Math.floor((n * 0.9) / 100) * 100 - 100);
  const range = info!.timeRange!;
  const t0 = Date.parse(range.from);
  const t1 = Date.parse(range.to);
  // A 30-day window in the middle of the case.
  const from = new Date(t0 + (t1 - t0) / 2).toISOString();
  const to = new Date(t0 + (t1 - t0) / 2 + 30 * 86_400_000).toISOString();
  const containsValue = 'okafor';
  const count = (q: EventQuery) => store.query({ ...q, limit: 0 }).total;
  const containsTotal = count({ where: [{ field: 'actor', op: 'contains', value: containsValue }] });
  const rangeTotal = count({ from, to });

  const cases: { name: string; query: EventQuery }[] = [
    { name: 'filter eq', query: { where: [{ field: 'action', op: 'eq', value: commonAction }], limit: 100, offset: deep(commonCount) } },
    { name: 'filter contains', query: { where: [{ field: 'actor', op: 'contains', value: containsValue }], limit: 100, offset: deep(containsTotal) } },
    { name: 'unfiltered deep', query: { limit: 100, offset: deep(total) } },
    { name: 'time range', query: { from, to, limit: 100, offset: deep(rangeTotal) } },
    { name: 'first page', query: { limit: 100, offset: 0 } },
  ];
  const queries = [];
  for (const c of cases) {
    const times: number[] = [];
    let res = store.query(c.query); // warm-up, also the row count check
    const firstMs = (() => {
      const s = process.hrtime.bigint();
      res = store.query(c.query);
      return ms(s);
    })();
    for (let i = 0; i < RUNS; i++) {
      const s = process.hrtime.bigint();
      res = store.query(c.query);
      times.push(ms(s));
    }
    queries.push({ name: c.name, query: c.query, total: res.total, rows: res.events.length, secondRunMs: firstMs, ...stats(times), sql: sqlSteps(c.query) });
  }
  store.close();

  /**
   * Where a page's time goes: the two statements query() runs (a count of the matches, then the page
   * with LIMIT/OFFSET, here as SELECT *), each timed alone (median of 5) with SQLite's plan, and the
   * same page as ids only, a what-if for a covering-index page step.
   */
  function sqlSteps(q: EventQuery) {
    const { sql: where, params } = whereClause(q);
    const page = [...params, q.limit ?? 100, q.offset ?? 0];
    return store.withDb((db) => {
      const time = (sql: string, p: (string | number | null)[]) => {
        db.exec(sql, p);
        const xs: number[] = [];
        for (let i = 0; i < 5; i++) {
          const s = process.hrtime.bigint();
          db.exec(sql, p);
          xs.push(ms(s));
        }
        const plan = (db.exec(`EXPLAIN QUERY PLAN ${sql}`, p)[0]?.values ?? []).map((v) => String(v[3])).join('; ');
        return { ms: stats(xs).medianMs, plan };
      };
      return {
        count: time(`SELECT count(*) FROM events ${where}`, params),
        page: time(`SELECT * FROM events ${where} ${orderClause(q)} LIMIT ? OFFSET ?`, page),
        idsOnly: time(`SELECT id FROM events ${where} ${orderClause(q)} LIMIT ? OFFSET ?`, page),
      };
    });
  }
  process.stdout.write(
    `${JSON.stringify({
      events: info!.events,
      timeRange: info!.timeRange,
      reopen: { ...stats(reopen), firstMs: reopen[0], allMs: reopen },
      rssAfterReopenBytes: rssAfterReopen,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
      queries,
    })}\n`,
  );
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
