// The first unfiltered facets right after a remap, on a copy of an imported case (the case itself is
// left as it is): a small file is imported into the copy as a second source and remapped, as when an
// investigator corrects the mapping of one file of a big case. The remap keeps the whole-case counts up,
// so those facets need not count the case's rows. Prints one JSON document on stdout.
//   node --import tsx bench/measure-remap.ts CASE [--events 1000]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { caseArgs, ms } from './bench-cli';
import { CaseStore } from '../src/main/engine/store/case-store';
import { importFile } from '../src/main/engine/import/import-file';
import { remapSource } from '../src/main/engine/remap-source';
import { facets } from '../src/main/engine/investigate/overview';

const { casePath, values } = caseArgs('node --import tsx bench/measure-remap.ts CASE [--events N]', ['events']);
const EVENTS = Number(values.events ?? 1000);

/** A file of a shape no vendor claims (so its mapping is inferred): user, team, operation, result. */
function smallFile(file: string): void {
  const ops = ['file.read', 'file.write', 'share.create', 'login'];
  const lines = Array.from({ length: EVENTS }, (_, i) =>
    JSON.stringify({
      ref: `r${i}`,
      when: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
      who: `u${i % 40}@example.com`,
      team: `team-${i % 7}`,
      op: ops[i % ops.length],
      result: i % 9 ? 'success' : 'failure',
    }),
  );
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'auditdesk-bench-remap-'));
  try {
    const copy = path.join(dir, 'case.auditdesk');
    let t0 = process.hrtime.bigint();
    fs.cpSync(casePath, copy, { recursive: true });
    const copyMs = ms(t0);
    const file = path.join(dir, 'small.jsonl');
    smallFile(file);
    const store = await CaseStore.open(copy);
    const countsBefore = store.wholeCaseHead() !== null;
    t0 = process.hrtime.bigint();
    const imported = await importFile(store, file);
    const importMs = ms(t0);
    if (imported.sourceId == null) throw new Error(`import of the small file failed: ${JSON.stringify(imported.errors.slice(0, 3))}`);
    const mapping = store.sourceMapping(imported.sourceId);
    t0 = process.hrtime.bigint();
    await remapSource(store, imported.sourceId, { ...mapping, origin: 'saved', fields: { ...mapping.fields, actor: ['team'] } });
    const remapMs = ms(t0);
    const countsKept = store.wholeCaseHead() !== null;
    t0 = process.hrtime.bigint();
    facets(store, {}, undefined, 6);
    const facetsMs = ms(t0);
    const events = store.count();
    store.close();
    const out = {
      events,
      remappedEvents: imported.imported,
      countsBefore,
      countsKept,
      facetsMs,
      copyMs,
      importMs,
      remapMs,
      peakRssBytes: process.memoryUsage().rss,
    };
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
void main();
