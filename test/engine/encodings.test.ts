// Real exports arrive in whatever encoding the vendor or the user's spreadsheet wrote: UTF-8 with or
// without BOM, UTF-16 LE/BE with BOM, Windows-1252. Each is detected by content, imported with a
// warning naming the encoding, and exported and verified against the original file's bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { freshEngine, writeFile } from '../helpers/engine';
import { cli } from '../helpers/cli';
import { CORPUS_DIR, tempDir } from '../helpers/paths';
import { runVerifyMjs } from '../export/helpers';
import { decodeToUtf8, decodeWhole, detectEncoding } from '../../src/main/engine/import/encoding';
import type { ExportFormat, ExportMode } from '../../src/shared/export';

const CSV = 'bitwarden/sentinel_bitwarden_eventlogs_ingestedlogs.csv';
const JSONL = 'okta/elastic_okta_system_events.log';
// Latin-1 letters only, so Buffer's latin1 writes exactly their Windows-1252 bytes.
const NAMES = ['José Müller', 'Zoë Ångström', 'François Déjà'];

/** The real Bitwarden CSV with its acting user ids replaced by accented names, one per row in turn. */
function accentedCsv(): { text: string; rows: number } {
  const lines = fs.readFileSync(path.join(CORPUS_DIR, CSV), 'utf8').split('\n');
  let n = 0;
  const out = lines.map((l, i) => {
    if (i === 0 || !l.trim()) return l;
    return l.replace(/"[0-9a-f]{8}-[0-9a-f-]{27}",,(9|\d*),/, () => `"${NAMES[n++ % NAMES.length]}",,$1,`);
  });
  assert.ok(n >= 10, 'the fixture rows were rewritten');
  return { text: out.join('\n'), rows: lines.slice(1).filter((l) => l.trim()).length };
}

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
  return le;
}

const BOM16LE = Buffer.from([0xff, 0xfe]);
const BOM16BE = Buffer.from([0xfe, 0xff]);
const BOM8 = Buffer.from([0xef, 0xbb, 0xbf]);

const csv = accentedCsv();
const jsonl = fs.readFileSync(path.join(CORPUS_DIR, JSONL), 'utf8');
const jsonlRows = jsonl.split('\n').filter((l) => l.trim()).length;

const VARIANTS: { name: string; bytes: Buffer; encoding: string | null; rows: number; accents: boolean }[] = [
  { name: 'windows-1252.csv', bytes: Buffer.from(csv.text, 'latin1'), encoding: 'Windows-1252', rows: csv.rows, accents: true },
  { name: 'utf16le-bom.csv', bytes: Buffer.concat([BOM16LE, Buffer.from(csv.text, 'utf16le')]), encoding: 'UTF-16LE', rows: csv.rows, accents: true },
  { name: 'utf16be-bom.csv', bytes: Buffer.concat([BOM16BE, utf16be(csv.text)]), encoding: 'UTF-16BE', rows: csv.rows, accents: true },
  { name: 'utf16le-bom.jsonl', bytes: Buffer.concat([BOM16LE, Buffer.from(jsonl, 'utf16le')]), encoding: 'UTF-16LE', rows: jsonlRows, accents: false },
  { name: 'utf8-bom.csv', bytes: Buffer.concat([BOM8, Buffer.from(csv.text, 'utf8')]), encoding: null, rows: csv.rows, accents: true },
  { name: 'utf8.csv', bytes: Buffer.from(csv.text, 'utf8'), encoding: null, rows: csv.rows, accents: true },
];

test('detectEncoding decides by content: BOMs, NUL patterns, UTF-8 validity; binary only for NULs or control bytes', () => {
  const enc = (b: Buffer) => {
    const d = detectEncoding(b, true);
    return d.kind === 'text' ? d.encoding : 'binary';
  };
  assert.equal(enc(VARIANTS[0].bytes), 'windows-1252');
  assert.equal(enc(VARIANTS[1].bytes), 'utf-16le');
  assert.equal(enc(VARIANTS[2].bytes), 'utf-16be');
  assert.equal(enc(Buffer.from(csv.text, 'utf16le')), 'utf-16le', 'UTF-16LE without a BOM');
  assert.equal(enc(utf16be(csv.text)), 'utf-16be', 'UTF-16BE without a BOM');
  assert.equal(enc(VARIANTS[5].bytes), 'utf-8');
  assert.equal(enc(Buffer.from('{"a":1}\n{"b":\u0000}\n', 'latin1')), 'binary', 'a NUL in 8-bit text');
  const noisy = Buffer.alloc(4096);
  for (let i = 0; i < noisy.length; i++) noisy[i] = (i * 7919) % 256 || 1;
  assert.equal(enc(noisy), 'binary', 'control bytes throughout');
  // A head cut inside a multi-byte character is still UTF-8.
  const cut = Buffer.from('é'.repeat(100), 'utf8').subarray(0, 199);
  assert.deepEqual(detectEncoding(cut, false), { kind: 'text', encoding: 'utf-8', how: 'valid UTF-8' });
});

test('the streaming decoder agrees with decoding the whole file, whatever the chunk boundaries', async () => {
  for (const v of VARIANTS.slice(0, 4)) {
    const d = detectEncoding(v.bytes, true);
    assert.equal(d.kind, 'text');
    if (d.kind !== 'text') continue;
    for (const size of [1, 3, 4096]) {
      async function* chunks() {
        for (let i = 0; i < v.bytes.length; i += size) yield v.bytes.subarray(i, i + size);
      }
      const parts: Buffer[] = [];
      for await (const b of decodeToUtf8(chunks(), d.encoding)) parts.push(b);
      assert.ok(Buffer.concat(parts).equals(decodeWhole(v.bytes, d.encoding)), `${v.name} in chunks of ${size}`);
    }
  }
});

for (const v of VARIANTS) {
  test(`${v.name}: imports every row with the encoding named, keeps accents, exports and verifies against the file`, async () => {
    const { engine, dir } = await freshEngine();
    // Something already in the case must not change.
    await engine.importFiles({ paths: [path.join(CORPUS_DIR, 'auth0/sentinel_auth0am_cl_array.json')] });
    const before = (await engine.queryFull({ limit: 10_000 })).events;

    const srcDir = path.join(dir, 'sources');
    fs.mkdirSync(srcDir);
    const file = writeFile(srcDir, v.name, v.bytes);
    const report = (await engine.importFiles({ paths: [file] })).files[0];
    assert.deepEqual(report.errors, []);
    assert.equal(report.imported, v.rows);
    const named = report.warnings.filter((w) => /text encoding/.test(w.message));
    if (v.encoding) {
      assert.equal(named.length, 1, JSON.stringify(report.warnings));
      assert.match(named[0].message, new RegExp(`text encoding ${v.encoding}`));
    } else {
      assert.deepEqual(named, [], 'UTF-8 is read as it is, with no encoding warning');
    }

    const all = (await engine.queryFull({ limit: 10_000 })).events;
    const mine = all.filter((e) => e.provenance.kind === 'file' && e.provenance.path === path.resolve(file));
    assert.equal(mine.length, v.rows);
    if (v.accents) {
      const text = mine.map((e) => e.raw).join('\n');
      for (const n of NAMES) assert.ok(text.includes(n), `${n} decoded in ${v.name}`);
      assert.ok(!text.includes('\uFFFD'), 'no replacement characters');
    }
    for (const e of mine) {
      if (e.provenance.kind !== 'file') continue;
      assert.equal(e.provenance.encoding, v.encoding ? v.encoding.toLowerCase() : undefined);
    }
    const after = all.filter((e) => !mine.includes(e));
    assert.deepEqual(after, before, 'the events already in the case are unchanged');

    const modes: [ExportFormat, ExportMode][] = [
      ['csv', 'normalized'],
      ['jsonl', 'normalized'],
      ['csv', 'raw'],
    ];
    for (const [format, mode] of modes) {
      const out = path.join(dir, `export-${format}-${mode}`);
      await engine.exportEvents({ query: {}, format, mode, out });
      const r = runVerifyMjs(out, srcDir);
      assert.ok(r.ok, `${format} ${mode}: ${r.problems.join('; ')}`);
      assert.equal(r.rowsComparedWithSources, v.rows, `${format} ${mode}: every row of ${v.name} compared with the original file`);
    }
    engine.close();
  });
}

test('the CLI imports a Windows-1252 CSV and prints the encoding it used; a binary file is still refused by content', () => {
  const dir = tempDir();
  const file = writeFile(dir, 'names.csv', VARIANTS[0].bytes);
  const casePath = path.join(dir, 'c.auditdesk');
  const r = cli(['import', casePath, file]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout + r.stderr, /text encoding Windows-1252/);
  const q = cli(['query', casePath, '--json', '--limit', '100']);
  assert.equal(q.code, 0, q.stderr);
  assert.match(q.stdout, /José Müller/);

  const bin = Buffer.alloc(8192);
  for (let i = 0; i < bin.length; i++) bin[i] = (i * 131) % 256;
  const b = cli(['import', casePath, writeFile(dir, 'blob.csv', bin)]);
  assert.notEqual(b.code, 0);
  assert.match(b.stdout + b.stderr, /binary file/);
});
