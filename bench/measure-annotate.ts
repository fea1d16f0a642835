// A bookmark, a tag, a note and a saved view, each saved to disk, on a copy of an imported case (the
// case itself is left as it is), through the engine as the app calls it. Each is one line appended to
// annotations.jsonl and fsynced; case.sqlite must not be written at all (checked, and reported).
// Prints one JSON document on stdout.
//   node --import tsx bench/measure-annotate.ts CASE [--runs 50]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { caseArgs, ms, stats } from './bench-cli';
import { Engine } from '../src/main/engine/engine';
import { DB_FILE } from '../src/main/engine/store/case-store';

const { casePath, values } = caseArgs('node --import tsx bench/measure-annotate.ts CASE [--runs N]', ['runs']);
const RUNS = Number(values.runs ?? 50);

function dbStamp(dir: string): string {
  const st = fs.statSync(path.join(dir, DB_FILE));
  return `${st.ino}:${st.size}:${st.mtimeMs}`;
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'auditdesk-bench-annotate-'));
  const engine = new Engine();
  try {
    const copy = path.join(dir, 'case.auditdesk');
    fs.cpSync(casePath, copy, { recursive: true });
    let t0 = process.hrtime.bigint();
    await engine.openCase({ path: copy });
    const openMs = ms(t0);
    const ids = (await engine.queryEvents({ limit: RUNS })).events.map((e) => e.id);
    const before = dbStamp(copy);
    const kinds: Record<string, number[]> = { bookmark: [], tag: [], note: [], view: [] };
    const time = async (kind: string, fn: () => Promise<unknown>) => {
      t0 = process.hrtime.bigint();
      await fn();
      kinds[kind].push(ms(t0));
    };
    for (let i = 0; i < RUNS; i++) {
      const id = ids[i % ids.length];
      await time('bookmark', () => engine.annotate({ id, bookmarked: true }));
      await time('tag', () => engine.annotate({ id, addTags: [`bench-${i % 5}`] }));
      await time('note', () => engine.annotate({ id, note: `bench note ${i}` }));
      await time('view', () =>
        engine.saveView({ name: `bench view ${i % 5}`, state: { filters: { tag: `bench-${i % 5}` }, hiddenColumns: [] } as never, overwrite: true }),
      );
    }
    const untouched = dbStamp(copy) === before;
    const out = {
      events: (await engine.caseInfo())?.events ?? null,
      openMs,
      untouched,
      ...Object.fromEntries(Object.entries(kinds).map(([k, xs]) => [k, stats(xs)])),
    };
    engine.close();
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
void main();
