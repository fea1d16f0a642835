// Full-text search at scale: builds the FTS4 index the way the engine does on the first search (chunks
// of CaseStore.indexSearch), then times searches (count plus the first page, as the timeline asks) and
// prints one JSON document on stdout.
//   node --import tsx bench/measure-search.ts CASE [--runs 30]
import fs from 'node:fs';
import path from 'node:path';
import { caseArgs, ms, stats } from './bench-cli';
import { CaseStore, DB_FILE } from '../src/main/engine/store/case-store';

const { casePath, values } = caseArgs('node --import tsx bench/measure-search.ts CASE [--runs N]', ['runs']);
const RUNS = Number(values.runs ?? 30);

async function main() {
  const dbBytesBefore = fs.statSync(path.join(casePath, DB_FILE)).size;
  const store = await CaseStore.open(casePath);
  const count = store.count();
  let t0 = process.hrtime.bigint();
  let peakRss = process.memoryUsage().rss;
  while (store.indexSearch(20_000) > 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const buildMs = ms(t0);
  t0 = process.hrtime.bigint();
  store.save();
  const saveMs = ms(t0);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const dbBytesAfter = fs.statSync(path.join(casePath, DB_FILE)).size;

  // Words, phrases and prefixes taken from the case itself, common and rare.
  const sample = (sql: string) => store.withDb((db) => (db.exec(sql)[0]?.values ?? []).map((r) => String(r[0])));
  const [topAction] = sample('SELECT action FROM events WHERE action IS NOT NULL GROUP BY action ORDER BY count(*) DESC LIMIT 1');
  const actors = sample(`SELECT actor FROM events WHERE actor IS NOT NULL AND id % ${Math.max(1, Math.floor(count / 20))} = 0 LIMIT 20`);
  const rareReq = sample(`SELECT req FROM events WHERE req IS NOT NULL AND id % ${Math.max(1, Math.floor(count / 20))} = 0 LIMIT 20`);
  const searches: Record<string, string[]> = {
    word: [topAction ?? 'login'],
    phrase: actors.map((a) => `"${a}"`),
    prefix: actors.map((a) => `${a.slice(0, 4)}*`),
    rare: rareReq,
  };
  const out: Record<string, unknown> = { events: count, buildMs, saveMs, dbBytesBefore, dbBytesAfter };
  const all: number[] = [];
  for (const [kind, qs] of Object.entries(searches)) {
    if (!qs.length) continue;
    const xs: number[] = [];
    const next: number[] = [];
    let hits = 0;
    store.query({ search: qs[0], limit: 100 }); // warm-up
    for (let i = 0; i < RUNS; i++) {
      const s = qs[i % qs.length];
      // Cold: a search typed anew (no count, no kept hit set), as after any change to the case.
      store.dropCaches();
      const t = process.hrtime.bigint();
      const r = store.query({ search: s, limit: 100, offset: 0 });
      xs.push(ms(t));
      hits += r.total;
      // Scrolling on: the page after, with the search's count and hits kept from the first.
      const t2 = process.hrtime.bigint();
      store.query({ search: s, limit: 100, offset: 100 });
      next.push(ms(t2));
    }
    all.push(...xs);
    out[kind] = { ...stats(xs), example: qs[0], meanHits: Math.round(hits / RUNS), nextPage: stats(next) };
  }
  out.allSearches = stats(all);
  out.peakRssBytes = peakRss;
  store.close();
  process.stdout.write(`${JSON.stringify(out)}\n`);
}
void main();
