// Tamper tests: a changed byte, a removed row, an added row and an edited manifest are each caught by
// `auditdesk verify` and by the standalone verify.mjs, with the row number; exit 1. Plus neutralisation,
// redaction and the CLI's --json summary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { cli } from '../helpers/cli';
import { tempDir, CORPUS_DIR } from '../helpers/paths';
import { writeFile } from '../helpers/engine';
import { readManifest, runVerifyMjs } from './helpers';

const CSV = path.join(CORPUS_DIR, 'bitwarden/sentinel_bitwarden_eventlogs_ingestedlogs.csv');
const JSONL = path.join(CORPUS_DIR, 'okta/elastic_okta_system_events.log');

function exportDir(format: string, mode: string, files: string[]): string {
  const dir = tempDir();
  const kase = path.join(dir, 'case');
  assert.equal(cli(['import', kase, ...files, '--json']).code, 0);
  const out = path.join(dir, `x-${format}-${mode}`);
  const r = cli(['export', kase, '--format', format, `--${mode}`, '--out', out, '--json']);
  assert.equal(r.code, 0, r.stderr);
  const summary = JSON.parse(r.stdout) as { rows: number; dir: string; dataSha256: string; files: string[] };
  assert.equal(summary.dir, out);
  assert.deepEqual([...summary.files].sort(), ['SHA256SUMS', 'events.' + format, 'manifest.json', 'verify.mjs'].sort());
  return out;
}

function copy(dir: string): string {
  const to = tempDir();
  fs.cpSync(dir, to, { recursive: true });
  return to;
}

function bothFail(dir: string, pattern: RegExp): void {
  const c = cli(['verify', dir, '--json']);
  assert.equal(c.code, 1, 'auditdesk verify exits 1');
  const cr = JSON.parse(c.stdout) as { problems: string[] };
  assert.ok(
    cr.problems.some((p) => pattern.test(p)),
    `auditdesk verify: ${cr.problems.join(' | ')}`,
  );
  const s = runVerifyMjs(dir);
  assert.equal(s.code, 1, 'verify.mjs exits 1');
  assert.ok(
    s.problems.some((p) => pattern.test(p)),
    `verify.mjs: ${s.problems.join(' | ')}`,
  );
}

/** Data rows of a line-framed file (CSV rows here have no line breaks inside). */
function editLines(file: string, edit: (lines: string[]) => void): void {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  edit(lines);
  fs.writeFileSync(file, lines.join('\n'));
}

for (const [format, mode, files, header] of [
  ['csv', 'raw', [CSV], 1],
  ['jsonl', 'normalized', [JSONL, CSV], 0],
] as const) {
  test(`tampering with a ${format} ${mode} export is caught by both verifiers`, () => {
    const out = exportDir(format, mode, [...files]);
    const data = path.join(out, `events.${format}`);
    const ok = cli(['verify', out, '--sources', CORPUS_DIR]);
    assert.equal(ok.code, 0, ok.stdout);
    assert.equal(runVerifyMjs(out, CORPUS_DIR).code, 0);

    const changed = copy(out);
    const bytes = fs.readFileSync(path.join(changed, `events.${format}`));
    const lines = bytes.toString('utf8').split('\n');
    // One byte in row 3: a character in the middle of its line.
    const at = Buffer.byteLength(lines.slice(0, header + 2).join('\n') + '\n') + 10;
    bytes[at] = bytes[at] === 0x41 ? 0x42 : 0x41;
    fs.writeFileSync(path.join(changed, `events.${format}`), bytes);
    bothFail(changed, /^row 3: SHA-256 .* \(the row was changed\)/);

    const removed = copy(out);
    editLines(path.join(removed, `events.${format}`), (l) => l.splice(header + 4, 1));
    bothFail(removed, /^row 5: missing from/);

    const added = copy(out);
    editLines(path.join(added, `events.${format}`), (l) => l.splice(header + 2, 0, l[header + 1]));
    bothFail(added, /^row 3 of events\.\w+: not in the manifest \(a row was added\)/);

    // An edited manifest (a row's provenance line moved) no longer matches SHA256SUMS.
    const edited = copy(out);
    const mf = path.join(edited, 'manifest.json');
    fs.writeFileSync(
      mf,
      fs.readFileSync(mf, 'utf8').replace(/"line":(\d+)/, (_m, n) => `"line":${Number(n) + 1}`),
    );
    bothFail(edited, /^manifest\.json: SHA-256 .* SHA256SUMS says .*changed after export/);
    void data;
  });
}

test('a source file that differs from the one imported is reported with the rows it feeds', () => {
  const dir = tempDir();
  const src = writeFile(dir, 'log.jsonl', fs.readFileSync(JSONL));
  const kase = path.join(dir, 'case');
  assert.equal(cli(['import', kase, src]).code, 0);
  const out = path.join(dir, 'x');
  assert.equal(cli(['export', kase, '--format', 'jsonl', '--raw', '--out', out]).code, 0);
  const text = fs.readFileSync(src, 'utf8');
  fs.writeFileSync(src, text.replace('"User"', '"Usex"'));
  const r = cli(['verify', out, '--sources', dir, '--json']);
  assert.equal(r.code, 1);
  assert.match((JSON.parse(r.stdout) as { problems: string[] }).problems.join('\n'), /source log\.jsonl: .*log\.jsonl has SHA-256 .* but the manifest says/);
});

test('CSV cells a spreadsheet would run are neutralised and listed; JSON keeps them as they are', () => {
  const dir = tempDir();
  const rows = [
    'time,action,actor,target',
    '2026-01-01T00:00:00Z,login,=HYPERLINK("http://evil"),doc1',
    '2026-01-01T00:01:00Z,-2+3,@SUM(A1),doc2',
    '2026-01-01T00:02:00Z,view,alice,+1',
    '2026-01-01T00:03:00Z,view,bob,doc4',
  ];
  const src = writeFile(dir, 'inj.csv', `${rows.join('\n')}\n`);
  const kase = path.join(dir, 'case');
  assert.equal(cli(['import', kase, src]).code, 0);
  for (const mode of ['raw', 'normalized'] as const) {
    const out = path.join(dir, `csv-${mode}`);
    assert.equal(cli(['export', kase, '--format', 'csv', `--${mode}`, '--out', out]).code, 0);
    const cells = (parseCsv(fs.readFileSync(path.join(out, 'events.csv')), { relax_quotes: true }) as string[][]).slice(1).flat();
    for (const cell of cells) assert.doesNotMatch(cell, /^[=+\-@\t\r]/, `${mode}: cell ${cell} would run as a formula`);
    assert.ok(cells.includes(`'=HYPERLINK("http://evil")`) || cells.some((c) => c.startsWith(`'=HYPERLINK`)));
    const m = readManifest(out);
    assert.ok(m.neutralisation.cells >= 3, `${mode}: neutralised cells counted`);
    // Raw rows keep every source cell (target "+1" too); normalized rows hold it after a comma in the raw column.
    assert.deepEqual(
      m.rows.filter((r) => r.neutralised).map((r) => r.row),
      [1, 2, 3],
    );
    for (const r of m.rows.filter((x) => x.neutralised)) assert.ok(r.rawSha256, 'an altered row keeps the stored record hash');
    assert.equal(runVerifyMjs(out, dir).code, 0, 'the source check still holds through rawSha256');
  }
  const json = path.join(dir, 'json');
  assert.equal(cli(['export', kase, '--format', 'json', '--normalized', '--out', json]).code, 0);
  const events = JSON.parse(fs.readFileSync(path.join(json, 'events.json'), 'utf8')) as { actor: string }[];
  assert.equal(events[0].actor, '=HYPERLINK("http://evil")');
  assert.equal(readManifest(json).neutralisation.cells, 0);
});

test('--redact replaces values in the model and the raw record, and the manifest lists each row', () => {
  const dir = tempDir();
  const kase = path.join(dir, 'case');
  assert.equal(cli(['import', kase, JSONL]).code, 0);
  const full = JSON.parse(cli(['query', kase, '--limit', '100', '--json']).stdout) as { events: { ip: string | null }[] };
  const ips = [...new Set(full.events.map((e) => e.ip).filter((x): x is string => !!x))];
  assert.ok(ips.length > 0);
  const out = path.join(dir, 'red');
  const r = cli(['export', kase, '--format', 'jsonl', '--normalized', '--redact', 'ip', '--out', out, '--json']);
  assert.equal(r.code, 0, r.stderr);
  const text = fs.readFileSync(path.join(out, 'events.jsonl'), 'utf8');
  for (const ip of ips) assert.ok(!text.includes(ip), `${ip} is gone`);
  const m = readManifest(out);
  const withIp = full.events.filter((e) => e.ip).length;
  assert.equal(m.redactions.rows.ip, withIp);
  assert.equal(m.rows.filter((x) => x.redacted?.includes('ip')).length, withIp);
  assert.deepEqual(m.redactions.fields, ['ip']);
  assert.equal(runVerifyMjs(out, CORPUS_DIR).code, 0);
});

test('export usage errors: one --tag at most, format and out are required, only known fields redacted', () => {
  const dir = tempDir();
  const kase = path.join(dir, 'case');
  assert.equal(cli(['import', kase, JSONL]).code, 0);
  const twoTags = cli(['export', kase, '--format', 'csv', '--tag', 'x', '--tag', 'y', '--out', path.join(dir, 'o')]);
  assert.equal(twoTags.code, 2);
  assert.match(twoTags.stderr, /one --tag/);
  assert.equal(cli(['export', kase, '--out', path.join(dir, 'o')]).code, 2);
  assert.equal(cli(['export', kase, '--format', 'csv']).code, 2);
  assert.equal(cli(['export', kase, '--format', 'csv', '--redact', 'password', '--out', path.join(dir, 'o')]).code, 2);
  assert.match(cli(['verify', dir]).stderr, /no manifest\.json/);
});
