// An export folder is evidence someone else may hand over: its manifest and SHA256SUMS are input, not
// instructions. The verifier reads only regular files right inside the folder, by plain name, checks
// the manifest's shape and numbers before using them, and answers every hostile case with a clear FAIL:
// never OK, never a crash or a hang, never the hash of a file outside the folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync, execFileSync } from 'node:child_process';
import { cli } from '../helpers/cli';
import { tempDir, CORPUS_DIR } from '../helpers/paths';
import { sha256 } from './helpers';

const CSV = path.join(CORPUS_DIR, 'bitwarden/sentinel_bitwarden_eventlogs_ingestedlogs.csv');

/** A fresh CSV raw export of CSV in its own folder under `root`. */
function exportOf(root: string): string {
  const kase = path.join(root, 'case');
  if (!fs.existsSync(kase)) assert.equal(cli(['import', kase, CSV]).code, 0);
  const out = path.join(root, `x${fs.readdirSync(root).length}`);
  assert.equal(cli(['export', kase, '--format', 'csv', '--raw', '--out', out]).code, 0);
  return out;
}

/** Rewrites SHA256SUMS so it vouches for the folder as it now is (what a careful forger does). */
function resum(dir: string, extra: string[] = []): void {
  const lines = ['events.csv', 'manifest.json', 'verify.mjs']
    .filter((n) => fs.existsSync(path.join(dir, n)) && fs.lstatSync(path.join(dir, n)).isFile())
    .map((n) => `${sha256(fs.readFileSync(path.join(dir, n)))}  ${n}`);
  fs.writeFileSync(path.join(dir, 'SHA256SUMS'), `${[...lines, ...extra].join('\n')}\n`);
}

function editManifest(dir: string, edit: (m: Record<string, unknown> & { data: Record<string, unknown>; rows: Record<string, unknown>[] }) => void): void {
  const file = path.join(dir, 'manifest.json');
  const m = JSON.parse(fs.readFileSync(file, 'utf8'));
  edit(m);
  fs.writeFileSync(file, JSON.stringify(m, null, 2));
}

/** Runs the folder's verify.mjs (a hang is killed after a minute and fails the test). */
function verify(
  dir: string,
  script = path.join(dir, 'verify.mjs'),
  sources?: string,
): { code: number | null; signal: string | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [script, dir, ...(sources ? ['--sources', sources] : [])], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, signal: r.signal, out: r.stdout, err: r.stderr };
}

function assertFails(r: ReturnType<typeof verify>, message: RegExp, label: string): void {
  assert.equal(r.signal, null, `${label}: the verifier hung and was killed`);
  assert.equal(r.err, '', `${label}: nothing on stderr (no crash)`);
  assert.equal(r.code, 1, `${label}: exit 1\n${r.out}`);
  assert.match(r.out, /^FAILED /m, label);
  assert.match(r.out, message, `${label}: a clear message\n${r.out}`);
}

test('verify: a manifest or SHA256SUMS naming a file outside the folder gets FAIL, and that file is never hashed', () => {
  const root = tempDir();
  const secret = path.join(root, 'secret.txt');
  fs.writeFileSync(secret, 'not part of any export\n');
  const secretSha = sha256(fs.readFileSync(secret));

  // The data file moved out of the folder, manifest and sums made to match: the old verifier said OK.
  const outside = exportOf(root);
  fs.renameSync(path.join(outside, 'events.csv'), path.join(root, 'events.csv'));
  editManifest(outside, (m) => (m.data.file = '../events.csv'));
  resum(outside, [`${sha256(fs.readFileSync(path.join(root, 'events.csv')))}  ../events.csv`]);
  const r1 = verify(outside);
  assertFails(r1, /"\.\.\/events\.csv" is not a plain file name inside the export folder/, 'data.file outside');

  // SHA256SUMS naming a file far up the tree (as ../../../../etc/shadow would) and an absolute path.
  const sums = exportOf(root);
  const up = path.relative(sums, secret);
  fs.appendFileSync(path.join(sums, 'SHA256SUMS'), `${'0'.repeat(64)}  ${up}\n${'0'.repeat(64)}  ${secret}\n${'0'.repeat(64)}  ../../../../etc/passwd\n`);
  const r2 = verify(sums);
  assertFails(r2, /is not a plain file name inside the export folder/, 'SHA256SUMS outside');
  assert.ok(!r2.out.includes(secretSha), 'the outside file hash is not printed');
  assert.ok(!r2.out.includes(sha256(fs.readFileSync('/etc/passwd'))), '/etc/passwd hash is not printed');
  // `auditdesk verify` runs the same text.
  const c = cli(['verify', sums]);
  assert.equal(c.code, 1);
  assert.ok(!c.stdout.includes(secretSha));
});

test('verify: links and pipes in the folder are refused without reading them (no hang)', () => {
  const root = tempDir();
  const secret = path.join(root, 'secret.txt');
  fs.writeFileSync(secret, 'outside\n');
  // events.csv a symbolic link to a file outside, everything else made to match.
  const link = exportOf(root);
  fs.renameSync(path.join(link, 'events.csv'), secret);
  fs.symlinkSync(secret, path.join(link, 'events.csv'));
  resum(link, [`${sha256(fs.readFileSync(secret))}  events.csv`]);
  assertFails(verify(link), /events\.csv.*is not a regular file \(a symbolic link\)/, 'symlinked data file');

  // A FIFO as the data file, and as a file SHA256SUMS lists: opening one for reading would wait for ever.
  const fifo = exportOf(root);
  fs.rmSync(path.join(fifo, 'events.csv'));
  execFileSync('mkfifo', [path.join(fifo, 'events.csv')]);
  execFileSync('mkfifo', [path.join(fifo, 'pipe')]);
  fs.appendFileSync(path.join(fifo, 'SHA256SUMS'), `${'0'.repeat(64)}  pipe\n`);
  const r = verify(fifo);
  assertFails(r, /events\.csv.*is not a regular file \(a pipe\)/, 'FIFO data file');
  assert.match(r.out, /"pipe": listed in SHA256SUMS but not checked: is not a regular file \(a pipe\)/);

  // manifest.json itself a FIFO.
  const m = exportOf(root);
  fs.rmSync(path.join(m, 'manifest.json'));
  execFileSync('mkfifo', [path.join(m, 'manifest.json')]);
  assertFails(verify(m), /manifest\.json: is not a regular file \(a pipe\)/, 'FIFO manifest');
});

test('verify: a manifest of the wrong shape or with impossible numbers gets FAIL naming what is wrong, not a crash', () => {
  const root = tempDir();
  const cases: [string, (m: Record<string, unknown> & { data: Record<string, unknown>; rows: Record<string, unknown>[] }) => void, RegExp][] = [
    ['sources null', (m) => (m.sources = null), /manifest\.json: "sources" is not a list/],
    ['data null', (m) => (m.data = null as unknown as Record<string, unknown>), /manifest\.json: "data" is missing/],
    ['framing missing', (m) => delete m.data.framing, /"data\.framing\.kind" is not json, lines or csv/],
    ['empty separator', (m) => ((m.data.framing as Record<string, unknown>).separator = ''), /separator \(not empty\)/],
    ['rows a string', (m) => (m.data.rows = 'many'), /"data\.rows" is not a row count/],
    ['huge offset', (m) => (m.rows[0].offset = 1e300), /row 1: its offset or length is not a byte position/],
    ['offset past the end', (m) => (m.rows[1].offset = Number.MAX_SAFE_INTEGER - 10), /row 2: not byte-identical to .* at byte 9007199254740981/],
    ['negative length', (m) => (m.rows[2].length = -5), /row 3: its offset or length is not a byte position/],
    ['source out of range', (m) => (m.rows[3].source = 99), /row 4: source 99 is not one of the manifest's 1 sources/],
  ];
  for (const [label, edit, message] of cases) {
    const dir = exportOf(root);
    editManifest(dir, edit);
    resum(dir);
    // The script of a clean export, so an edit cannot make it look elsewhere for its code.
    assertFails(verify(dir, path.join(dir, 'verify.mjs'), path.dirname(CSV)), message, label);
  }
});
