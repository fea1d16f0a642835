// Export timing on an imported case through the real CLI (`auditdesk export`), best of N runs, each
// into a fresh folder; prints one JSON document. Nothing is asserted: npm run bench reports it.
//   node bench/measure-export.mjs CASE [--repeat 2] [--format csv] [--mode normalized]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { repeat: { type: 'string' }, format: { type: 'string' }, mode: { type: 'string' } },
});
const casePath = positionals[0];
if (!casePath) {
  process.stderr.write('usage: node bench/measure-export.mjs CASE [--repeat N] [--format csv] [--mode normalized|raw]\n');
  process.exit(2);
}
const repeat = Number(values.repeat ?? 2);
const format = values.format ?? 'csv';
const mode = values.mode ?? 'normalized';
const runs = [];
let summary = null;
for (let i = 0; i < repeat; i++) {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'auditdesk-bench-export-'));
  fs.rmSync(out, { recursive: true });
  const t0 = process.hrtime.bigint();
  const r = spawnSync(
    process.execPath,
    [path.join(root, 'out', 'main', 'cli.js'), 'export', casePath, '--format', format, `--${mode}`, '--out', out, '--json'],
    {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    },
  );
  const wallS = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) {
    process.stdout.write(`${JSON.stringify({ error: r.stderr.slice(-1000) || r.stdout.slice(-1000) })}\n`);
    process.exit(1);
  }
  summary = JSON.parse(r.stdout.trim().split('\n').pop());
  const bytes = fs.statSync(path.join(out, summary.dataFile)).size;
  const manifestBytes = fs.statSync(path.join(out, 'manifest.json')).size;
  runs.push({ wallS, bytes, manifestBytes });
  fs.rmSync(out, { recursive: true, force: true });
}
const best = runs.reduce((a, b) => (b.wallS < a.wallS ? b : a));
process.stdout.write(
  `${JSON.stringify({ format, mode, rows: summary.rows, wallS: best.wallS, wallRunsS: runs.map((r) => Number(r.wallS.toFixed(2))), dataBytes: best.bytes, manifestBytes: best.manifestBytes })}\n`,
);
