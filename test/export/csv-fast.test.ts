// CSV exports without redaction take the fast lane (csv-rows.ts: bytes straight from the store's
// columns and segment, hashed on a second thread). Its output must be exactly what the per-event
// formatter (formatRow on each full event) writes: checked on every real corpus file, in both modes,
// in both time orders and for a selection, byte for byte, with the manifest's row hashes and notes.
// Each export also checks that the fast lane is the one that wrote it (lanesRun), not the formatter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { freshEngine } from '../helpers/engine';
import { CORPUS_DIR } from '../helpers/paths';
import { opboxJsonl } from '../helpers/generate';
import { formatRow, framingFor } from '../../src/main/engine/export/row-format';
import { csvLayoutFor } from '../../src/main/engine/export/csv-layout';
import { lanesRun } from '../../src/main/engine/export/export-events';
import type { ManifestSource } from '../../src/main/engine/export/manifest';
import type { ExportMode } from '../../src/shared/export';
import type { EventQuery } from '../../src/shared/query';
import type { AuditEvent } from '../../src/shared/event';
import type { Engine } from '../../src/main/engine/engine';
import { readManifest, sha256 } from './helpers';

function corpusFiles(): string[] {
  const files: string[] = [];
  for (const d of fs.readdirSync(CORPUS_DIR)) {
    const p = path.join(CORPUS_DIR, d);
    if (fs.statSync(p).isDirectory()) for (const f of fs.readdirSync(p)) files.push(path.join(p, f));
  }
  return files;
}

/** Every matching event in query order, a page at a time (pages are capped). */
async function allEvents(engine: Engine, query: EventQuery): Promise<AuditEvent[]> {
  const all: AuditEvent[] = [];
  for (;;) {
    const { total, events } = await engine.queryFull({ ...query, limit: 10_000, offset: all.length });
    all.push(...events);
    if (all.length >= total || !events.length) return all;
  }
}

async function checkAgainstFormatRow(files: string[], runs: { mode: ExportMode; query: EventQuery; ids?: string[] }[]): Promise<void> {
  const { engine, dir } = await freshEngine();
  await engine.importFiles({ paths: files });
  let n = 0;
  for (const { mode, query, ids } of runs) {
    const out = path.join(dir, `export-${n++}`);
    const lanes = { ...lanesRun };
    const s = await engine.exportEvents({ query, ids, format: 'csv', mode, out });
    const label = `${mode} ${JSON.stringify(query)}${ids ? ` ids ${ids.join(',')}` : ''}`;
    assert.deepEqual(lanesRun, { fastCsv: lanes.fastCsv + 1, perEvent: lanes.perEvent }, `${label}: the fast lane wrote it`);
    const m = readManifest(out) as ReturnType<typeof readManifest> & { sources: ManifestSource[] };
    // A selection is exported in the query's order, like everything else.
    const events = (await allEvents(engine, query)).filter((e) => !ids || ids.includes(e.id));
    assert.ok(events.length > 0);
    const layout = mode === 'raw' ? csvLayoutFor(m.sources) : null;
    const framing = framingFor('csv', mode, layout);
    const rows = events.map((e, i) => formatRow(e, i + 1, 'csv', mode, layout));
    const expected = framing.prefix + rows.map((r) => r.text).join(framing.separator) + framing.suffix;
    assert.ok(fs.readFileSync(path.join(out, s.dataFile)).equals(Buffer.from(expected, 'utf8')), `${label}: data file is formatRow's bytes`);
    assert.equal(m.data.sha256, sha256(expected), `${label}: data SHA-256`);
    assert.equal(m.rows.length, events.length);
    m.rows.forEach((r, i) => {
      const e = events[i];
      assert.equal(r.id, e.id, `${label} row ${i + 1}: event id`);
      assert.equal(r.sha256, sha256(rows[i].text), `${label} row ${i + 1}: row SHA-256`);
      const altered = mode === 'normalized' || rows[i].text !== e.raw;
      assert.equal(r.rawSha256, altered ? sha256(e.raw) : undefined, `${label} row ${i + 1}: stored record SHA-256`);
      assert.deepEqual(r.neutralised, rows[i].neutralised.length ? rows[i].neutralised : undefined, `${label} row ${i + 1}: neutralised cells`);
    });
  }
  engine.close();
}

test('fast CSV lane writes exactly what formatRow writes, on every corpus file (normalized and raw, both orders, a selection)', async () => {
  await checkAgainstFormatRow(corpusFiles(), [
    { mode: 'normalized', query: {} },
    { mode: 'normalized', query: { order: 'desc' } },
    { mode: 'raw', query: {} },
    { mode: 'raw', query: { text: 'a' } },
    { mode: 'normalized', query: {}, ids: ['7', '3', '120', '1'] },
  ]);
});

test('fast CSV lane: source rows of one CSV file, and a generated file larger than one write chunk', async () => {
  const { dir } = await freshEngine();
  const big = path.join(dir, 'opbox.jsonl');
  fs.writeFileSync(big, opboxJsonl(16_000, 3));
  await checkAgainstFormatRow(
    [path.join(CORPUS_DIR, 'bitwarden/sentinel_bitwarden_eventlogs_ingestedlogs.csv')],
    [
      { mode: 'raw', query: {} },
      { mode: 'normalized', query: {} },
    ],
  );
  await checkAgainstFormatRow(
    [big],
    [
      { mode: 'normalized', query: {} },
      { mode: 'raw', query: {} },
    ],
  );
});

test('fast CSV lane: records that start like formulas or need no quotes, as source rows and as a raw column', async () => {
  const { dir } = await freshEngine();
  const tsv = path.join(dir, 'people.tsv');
  fs.writeFileSync(
    tsv,
    [
      'actor\ttime\taction',
      '=cmd|x\t2026-01-01T00:00:00Z\tlogin',
      'bob\t2026-01-01T00:01:00Z\tview',
      '+1\t2026-01-01T00:02:00Z\t-delete',
      '"-q"\t2026-01-01T00:03:00Z\tview',
      '',
    ].join('\n'),
  );
  const csv = path.join(dir, 'other.csv');
  fs.writeFileSync(csv, ['user,when,what', '@SUM(1),2026-01-01T00:04:00Z,login', 'carol,2026-01-01T00:05:00Z,"a ""quoted"" thing"', ''].join('\n'));
  // One file: its own rows under its header, neutralised in place where needed.
  await checkAgainstFormatRow(
    [tsv],
    [
      { mode: 'raw', query: {} },
      { mode: 'normalized', query: {} },
    ],
  );
  // Two headers: a row number and the record as a cell, quoted only when it holds a quote, comma or line break.
  await checkAgainstFormatRow(
    [tsv, csv],
    [
      { mode: 'raw', query: {} },
      { mode: 'normalized', query: { order: 'desc' } },
    ],
  );
});

test('fast CSV lane: cells with quotes, commas, line breaks, formulas, escapes, non-ASCII and lone surrogates', async () => {
  const { dir } = await freshEngine();
  const file = path.join(dir, 'opbox-tricky.jsonl');
  const awkward = [
    'plain',
    'a,b',
    'say "hi"',
    'two\nlines',
    'cr\rhere',
    '=SUM(A1)',
    '+1',
    '-2',
    '@x',
    '\tlead',
    'back\\slash',
    'ünïcødé ✓ 🚀',
    'lone \ud800 high',
    'lone \udc00 low',
    '',
  ];
  const lines = awkward.map((v, i) =>
    JSON.stringify({
      id: v || `id-${i}`,
      action: v || 'VIEW',
      resource: v,
      resourceId: v,
      metadata: { name: v },
      ipAddress: v,
      userAgent: v,
      createdAt: new Date(Date.UTC(2026, 1, 1) + i * 61_000).toISOString(),
      user: { name: v, email: `${v}@example.com` },
    }),
  );
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  await checkAgainstFormatRow(
    [file],
    [
      { mode: 'normalized', query: {} },
      { mode: 'raw', query: {} },
    ],
  );
});

test('fast CSV lane: sources decoded from UTF-16 and Windows-1252 name their encoding in the provenance cell as formatRow does', async () => {
  const { dir } = await freshEngine();
  const text = fs.readFileSync(path.join(CORPUS_DIR, 'bitwarden/sentinel_bitwarden_eventlogs_ingestedlogs.csv'), 'utf8').replace(/89\.64\.30\.17/g, 'Zoë');
  const utf16 = path.join(dir, 'utf16.csv');
  fs.writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  const latin = path.join(dir, 'latin.jsonl');
  fs.writeFileSync(
    latin,
    Buffer.from('{"actor":"José","action":"login","time":"2026-01-01T00:00:00Z"}\n{"actor":"Zoë","action":"view","time":"2026-01-01T00:01:00Z"}\n', 'latin1'),
  );
  await checkAgainstFormatRow(
    [utf16, latin],
    [
      { mode: 'normalized', query: {} },
      { mode: 'raw', query: {} },
    ],
  );
});

/** A part of a cell a spreadsheet would run: at a line's start or after , ; | or a line break (quote optional), not a plain negative number. */
const RUNS = /(?:^|[,;|\n])"?(?:[=+@]|-(?!\d+(?:\.\d+)?(?:[,;\t|\r\n]|$)))/m;

test('fast CSV lane: hostile cells are neutralised whatever the delimiter (parts after ; | tab, header names, paths), as formatRow does', async () => {
  const { dir } = await freshEngine();
  const semi = path.join(dir, 'semi.csv');
  fs.writeFileSync(
    semi,
    [
      'time;=HYPERLINK("http://evil");actor',
      '2026-01-01T00:00:00Z;login;alice',
      '=1+0;@evil0;-0',
      '2026-01-01T00:01:00Z;-12;"x;=cmd|y|@z"',
      '2026-01-01T00:02:00Z;-1.5;-1+2',
      '',
    ].join('\n'),
  );
  const tsv = path.join(dir, 'tabs.tsv');
  fs.writeFileSync(
    tsv,
    ['actor\ttime\taction', 'bob\t2026-01-01T00:03:00Z\t', '\t2026-01-01T00:04:00Z\tview', '"a,@b|+c"\t2026-01-01T00:05:00Z\tx;-y', ''].join('\n'),
  );
  const evilDir = path.join(dir, 'd;=cmd');
  fs.mkdirSync(evilDir);
  const json = path.join(evilDir, 'opbox.jsonl');
  const cells = ['a;=b', 'x|@y', 'p,+q', 'l\n-r', 'ok;-7', 'ok;-7x', '\t=t', 'c\r=d'];
  fs.writeFileSync(
    json,
    `${cells.map((v, i) => JSON.stringify({ id: `e${i}`, action: v, resource: v, user: { name: v }, userAgent: v, createdAt: new Date(Date.UTC(2026, 2, 1) + i * 60_000).toISOString() })).join('\n')}\n`,
  );
  await checkAgainstFormatRow(
    [semi],
    [
      { mode: 'raw', query: {} },
      { mode: 'normalized', query: {} },
    ],
  );
  await checkAgainstFormatRow([tsv], [{ mode: 'raw', query: {} }]);
  await checkAgainstFormatRow(
    [semi, tsv, json],
    [
      { mode: 'raw', query: {} },
      { mode: 'normalized', query: {} },
    ],
  );

  for (const [files, mode] of [
    [[semi], 'raw'],
    [[semi, tsv, json], 'raw'],
    [[semi, tsv, json], 'normalized'],
  ] as const) {
    const { engine, dir: out } = await freshEngine();
    await engine.importFiles({ paths: [...files] });
    const o = path.join(out, 'x');
    const fastBefore = lanesRun.fastCsv;
    await engine.exportEvents({ query: {}, format: 'csv', mode, out: o });
    engine.close();
    assert.equal(lanesRun.fastCsv, fastBefore + 1, `${mode} ${files.length}: the fast lane wrote it`);
    const text = fs.readFileSync(path.join(o, 'events.csv'), 'utf8');
    assert.doesNotMatch(text, RUNS, `${mode} ${files.length}: no part would run`);
    assert.match(text, /;-12;/, 'plain negative numbers stay numbers');
    if (files.length === 1) {
      const m = readManifest(o) as ReturnType<typeof readManifest> & { data: { framing: { neutralisedHeader?: { columns: string[]; original: string } } } };
      assert.deepEqual(
        m.data.framing.neutralisedHeader,
        { columns: ['column 2'], original: 'time;=HYPERLINK("http://evil");actor' },
        'the header is neutralised and its original kept',
      );
      assert.ok(text.startsWith(`time;'=HYPERLINK`));
    }
  }
});
