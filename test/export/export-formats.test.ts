// Every format x raw/normalized on real corpus files (JSON array, JSONL, CSV) and generated ones:
// the export verifies against its sources, and re-imports into a new case with the same event count
// and the same raw records.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { freshEngine, writeFile } from '../helpers/engine';
import { CORPUS_DIR } from '../helpers/paths';
import { opboxJsonl } from '../helpers/generate';
import type { Engine } from '../../src/main/engine/engine';
import type { EventQuery } from '../../src/shared/query';
import type { ExportFormat, ExportMode } from '../../src/shared/export';
import { readManifest, runVerifyMjs, sha256 } from './helpers';

const JSON_ARRAY = 'auth0/sentinel_auth0am_cl_array.json';
const JSONL = 'okta/elastic_okta_system_events.log';
const CSV = 'bitwarden/sentinel_bitwarden_eventlogs_ingestedlogs.csv';

async function allRaws(engine: Engine, q: EventQuery = {}): Promise<string[]> {
  return (await engine.queryFull({ ...q, limit: 10_000 })).events.map((e) => e.raw);
}

/** Imports the export's data file into a new case: same count, and its raw records are exactly the exported rows. */
async function reimport(dataFile: string, rows: number, rowHashes: string[]): Promise<string[]> {
  const { engine } = await freshEngine();
  const report = await engine.importFiles({ paths: [dataFile] });
  assert.deepEqual(report.files[0].errors, [], `${dataFile} re-imports without errors`);
  const info = await engine.caseInfo();
  assert.equal(info!.events, rows, `${dataFile}: re-imported event count`);
  const raws = await allRaws(engine);
  assert.deepEqual(raws.map((r) => sha256(r)).sort(), [...rowHashes].sort(), `${dataFile}: re-imported raw records are the exported rows`);
  engine.close();
  return raws;
}

const cases: { name: string; files: string[]; query: EventQuery; format: ExportFormat; mode: ExportMode; rawIsSource: boolean }[] = [
  { name: 'json raw from a JSON array', files: [JSON_ARRAY], query: {}, format: 'json', mode: 'raw', rawIsSource: true },
  { name: 'json raw from JSONL', files: [JSONL], query: {}, format: 'json', mode: 'raw', rawIsSource: true },
  { name: 'json normalized from JSON + CSV', files: [JSON_ARRAY, CSV], query: {}, format: 'json', mode: 'normalized', rawIsSource: false },
  { name: 'jsonl raw from JSONL', files: [JSONL], query: {}, format: 'jsonl', mode: 'raw', rawIsSource: true },
  { name: 'jsonl normalized from JSON + CSV', files: [JSON_ARRAY, CSV], query: {}, format: 'jsonl', mode: 'normalized', rawIsSource: false },
  { name: 'csv raw from CSV (source rows)', files: [CSV], query: {}, format: 'csv', mode: 'raw', rawIsSource: true },
  { name: 'csv raw from JSON (raw column)', files: [JSON_ARRAY, JSONL], query: {}, format: 'csv', mode: 'raw', rawIsSource: false },
  { name: 'csv normalized from JSONL + CSV', files: [JSONL, CSV], query: {}, format: 'csv', mode: 'normalized', rawIsSource: false },
];

for (const c of cases) {
  test(`export ${c.name}: verifies against its sources and re-imports with the same raw records`, async () => {
    const { engine, dir } = await freshEngine();
    await engine.importFiles({ paths: c.files.map((f) => path.join(CORPUS_DIR, f)) });
    const expected = await allRaws(engine, c.query);
    const out = path.join(dir, 'export');
    const s = await engine.exportEvents({ query: c.query, format: c.format, mode: c.mode, out });
    assert.equal(s.rows, expected.length);
    const m = readManifest(out);
    assert.equal(m.data.rows, expected.length);
    assert.equal(m.rows.length, expected.length);
    assert.equal(sha256(fs.readFileSync(path.join(out, s.dataFile))), m.data.sha256);
    assert.equal(m.sources.length, c.files.length);
    for (const src of m.sources) assert.match(src.sha256, /^[0-9a-f]{64}$/);

    const v = runVerifyMjs(out, CORPUS_DIR);
    assert.deepEqual(v.problems, []);
    assert.equal(v.code, 0);
    assert.equal(v.rowsComparedWithSources, expected.length);

    const raws = await reimport(
      path.join(out, s.dataFile),
      s.rows,
      m.rows.map((r) => r.sha256),
    );
    if (c.rawIsSource) assert.deepEqual([...raws].sort(), [...expected].sort(), 'raw export re-imports as the very source records');
    if (c.format === 'json') assert.equal((JSON.parse(fs.readFileSync(path.join(out, s.dataFile), 'utf8')) as unknown[]).length, s.rows);
    if (c.format === 'csv' && c.mode === 'normalized') {
      const rows = parseCsv(fs.readFileSync(path.join(out, s.dataFile)), { columns: true }) as Record<string, string>[];
      assert.equal(rows.length, s.rows);
      const byId = new Map((await engine.queryFull({ limit: 10_000 })).events.map((e) => [e.id, e]));
      for (const r of rows) {
        const e = byId.get(r.id)!;
        assert.equal(r.raw, e.raw, 'the raw column holds the stored record');
        assert.equal(r.actor, e.actor ?? '');
        assert.deepEqual(JSON.parse(r.provenance), e.provenance);
      }
    }
    engine.close();
  });
}

test('export of generated events: a filter exports exactly its matches, in query order', async () => {
  const { engine, dir } = await freshEngine();
  const file = writeFile(dir, 'opbox.jsonl', opboxJsonl(3000, 7));
  await engine.importFiles({ paths: [file] });
  const query: EventQuery = { where: [{ field: 'action', op: 'eq', value: 'DELETE' }], order: 'desc' };
  const expected = (await engine.queryFull({ ...query, limit: 10_000 })).events;
  assert.ok(expected.length > 100 && expected.length < 3000);
  for (const format of ['json', 'jsonl', 'csv'] as const) {
    for (const mode of ['raw', 'normalized'] as const) {
      const out = path.join(dir, `out-${format}-${mode}`);
      const s = await engine.exportEvents({ query, format, mode, out });
      const m = readManifest(out);
      assert.deepEqual(
        m.rows.map((r) => r.id),
        expected.map((e) => e.id),
        `${format}/${mode}: rows in query order`,
      );
      assert.deepEqual(m.filter.query, query);
      assert.match(m.filter.sentence, /action is "DELETE".*newest first/);
      const v = runVerifyMjs(out, dir);
      assert.equal(v.code, 0, `${format}/${mode}: ${v.problems.join('; ')}`);
      assert.equal(v.rowsComparedWithSources, expected.length);
      await reimport(
        path.join(out, s.dataFile),
        expected.length,
        m.rows.map((r) => r.sha256),
      );
    }
  }
  engine.close();
});

test('a selection exports just those events', async () => {
  const { engine, dir } = await freshEngine();
  await engine.importFiles({ paths: [path.join(CORPUS_DIR, JSONL)] });
  const all = (await engine.queryFull({ limit: 100 })).events;
  const ids = [all[3].id, all[7].id];
  const out = path.join(dir, 'sel');
  const s = await engine.exportEvents({ query: {}, ids, format: 'jsonl', mode: 'raw', out });
  assert.equal(s.rows, 2);
  assert.equal(fs.readFileSync(path.join(out, 'events.jsonl'), 'utf8'), `${all[3].raw}\n${all[7].raw}\n`);
  assert.match(readManifest(out).filter.sentence, /the 2 selected events/);
});

test('raw exports refuse what cannot be written without changing a record, and say what to do', async () => {
  const { engine, dir } = await freshEngine();
  await engine.importFiles({ paths: [path.join(CORPUS_DIR, JSON_ARRAY), path.join(CORPUS_DIR, CSV)] });
  await assert.rejects(
    engine.exportEvents({ query: { where: [{ field: 'source', op: 'contains', value: 'auth0' }] }, format: 'jsonl', mode: 'raw', out: path.join(dir, 'a') }),
    /row 1 \(event \d+, from .*sentinel_auth0am_cl_array\.json line \d+\) spans several lines.*as JSON \(not JSONL\), or normalized/,
  );
  assert.equal(fs.existsSync(path.join(dir, 'a')), false, 'a refused export leaves nothing behind');
  await assert.rejects(
    engine.exportEvents({ query: {}, format: 'json', mode: 'raw', out: path.join(dir, 'b') }),
    /CSV rows from sentinel_bitwarden_eventlogs_ingestedlogs\.csv.*export them as CSV \(their original rows\) or normalized/,
  );
  fs.mkdirSync(path.join(dir, 'full'));
  fs.writeFileSync(path.join(dir, 'full', 'x'), 'x');
  await assert.rejects(engine.exportEvents({ query: {}, format: 'csv', mode: 'raw', out: path.join(dir, 'full') }), /not empty/);
});
