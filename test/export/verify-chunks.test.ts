// The verifier streams its files in chunks (8 MiB by default). Run with tiny chunks, every row, string,
// separator and manifest key gets cut at every possible byte, so it must say exactly what it says with
// whole files: on clean exports of each framing, on tampered ones, and on a manifest written with
// other (valid) JSON whitespace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import { cli } from '../helpers/cli';
import { tempDir, CORPUS_DIR } from '../helpers/paths';

const CSV = path.join(CORPUS_DIR, 'bitwarden/sentinel_bitwarden_eventlogs_ingestedlogs.csv');
const JSONL = path.join(CORPUS_DIR, 'okta/elastic_okta_system_events.log');

interface Result {
  ok: boolean;
  rows: number;
  dataSha256: string | null;
  problems: string[];
  notes: string[];
  rowsComparedWithSources: number;
}
type Verify = (dir: string, sources: string | null, options?: { chunk: number }) => Result;

async function verifierOf(dir: string): Promise<Verify> {
  const mod = (await import(pathToFileURL(path.join(dir, 'verify.mjs')).href)) as { verifyExport: Verify };
  return mod.verifyExport;
}

function sameAtEveryChunk(verify: Verify, dir: string, sources: string | null): Result {
  const whole = verify(dir, sources);
  for (const chunk of [1, 2, 3, 7, 64, 1000]) {
    assert.deepEqual(verify(dir, sources, { chunk }), whole, `${path.basename(dir)} read ${chunk} bytes at a time`);
  }
  return whole;
}

function copy(dir: string): string {
  const to = tempDir();
  fs.cpSync(dir, to, { recursive: true });
  return to;
}

test('the verifier reads in chunks of any size and reports the same, clean or tampered', async () => {
  const dir = tempDir();
  const kase = path.join(dir, 'case');
  assert.equal(cli(['import', kase, CSV, JSONL, '--json']).code, 0);
  const outs: string[] = [];
  for (const [format, mode] of [
    ['csv', 'normalized'],
    ['json', 'normalized'],
    ['jsonl', 'normalized'],
  ]) {
    const out = path.join(dir, `x-${format}`);
    const r = cli(['export', kase, '--format', format, `--${mode}`, '--out', out, '--where', 'vendor=okta', '--json']);
    assert.equal(r.code, 0, r.stderr);
    outs.push(out);
  }
  const rawCsv = path.join(dir, 'x-csv-raw');
  assert.equal(cli(['export', kase, '--format', 'csv', '--raw', '--out', rawCsv, '--where', 'vendor=bitwarden']).code, 0);
  outs.push(rawCsv);

  for (const out of outs) {
    const verify = await verifierOf(out);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { data: { rows: number; file: string } };
    const clean = sameAtEveryChunk(verify, out, CORPUS_DIR);
    assert.equal(clean.ok, true, `${out}: ${clean.problems.join(' | ')}`);
    assert.equal(clean.rows, manifest.data.rows);
    assert.ok(clean.rows > 10);
    assert.equal(clean.rowsComparedWithSources, clean.rows);

    // A byte changed in the middle of the data file.
    const changed = copy(out);
    const data = path.join(changed, manifest.data.file);
    const bytes = fs.readFileSync(data);
    const at = Math.floor(bytes.length / 2);
    bytes[at] = bytes[at] === 0x41 ? 0x42 : 0x41;
    fs.writeFileSync(data, bytes);
    const bad = sameAtEveryChunk(verify, changed, null);
    assert.equal(bad.ok, false);
    assert.ok(
      bad.problems.some((p) => /^row \d+: SHA-256 .* \(the row was changed\)$/.test(p)),
      bad.problems.join(' | '),
    );
    // The script checks the folder it is given, wherever it lies itself.
    const run = (dir: string) => spawnSync(process.execPath, [path.join(out, 'verify.mjs'), dir], { encoding: 'utf8' });
    assert.equal(run(changed).status, 1, 'another folder, tampered');
    assert.equal(run(copy(out)).status, 0, 'another folder, clean');

    // The same manifest in compact JSON: SHA256SUMS no longer matches it, but every row is still read.
    const compact = copy(out);
    const mf = path.join(compact, 'manifest.json');
    fs.writeFileSync(mf, JSON.stringify(JSON.parse(fs.readFileSync(mf, 'utf8'))));
    const re = sameAtEveryChunk(verify, compact, null);
    assert.equal(re.problems.length, 1, re.problems.join(' | '));
    assert.match(re.problems[0], /^manifest\.json: SHA-256 is [0-9a-f]{64} but SHA256SUMS says [0-9a-f]{64}: the file was changed after export$/);
    assert.equal(re.rows, manifest.data.rows);
  }
});
