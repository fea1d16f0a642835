// One record's size is bounded (--max-record-bytes): a small .gz inflating to one huge line used to
// abort V8 (rc 133) with no message. Each reader stops buffering once a record passes the bound,
// says where and what the bound is, and the valid records around it still import.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawn } from 'node:child_process';
import { pipeline } from 'node:stream/promises';
import { BIN, cli } from '../helpers/cli';
import { tempDir } from '../helpers/paths';
import { openRecordReader } from '../../src/main/engine/import/open-reader';
import type { RecordError, SourceRecord } from '../../src/main/engine/import/source-record';

const MiB = 1 << 20;
const rec = (id: string, s: number) => `{"id":"${id}","timestamp":"2026-01-01T00:00:0${s}Z","action":"user.login","actor":"alice"}`;

/** A gzip file: `before`, then one line of `mib` MiB, then `after` (a few hundred KB on disk). */
async function gzBomb(file: string, mib: number, before: string, after: string): Promise<void> {
  async function* body() {
    yield Buffer.from(`${before}\n{"id":"big","blob":"`);
    const chunk = Buffer.alloc(MiB, 0x61);
    for (let i = 0; i < mib; i++) yield chunk;
    yield Buffer.from(`"}\n${after}\n`);
  }
  await pipeline(body, zlib.createGzip(), fs.createWriteStream(file));
}

/** Runs the CLI, sampling the child's peak resident memory (VmHWM) from /proc while it runs. */
function runMeasured(args: string[]): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string; peakBytes: number }> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let peakBytes = 0;
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const sample = () => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (m) peakBytes = Math.max(peakBytes, Number(m[1]) * 1024);
    } catch {
      // the child just exited
    }
  };
  const timer = setInterval(sample, 20);
  return new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      clearInterval(timer);
      resolve({ code, signal, stdout, stderr, peakBytes });
    }),
  );
}

test('CLI: a gz bomb line past --max-record-bytes is reported and skipped in bounded memory; the lines around it import', async () => {
  assert.ok(fs.existsSync('/proc/self/status'), 'memory is read from /proc (Linux)');
  const dir = tempDir();
  const bomb = path.join(dir, 'bomb.jsonl.gz');
  const LINE_MIB = 256;
  await gzBomb(bomb, LINE_MIB, rec('a1', 0), rec('a2', 1));
  assert.ok(fs.statSync(bomb).size < 2 * MiB);

  const casePath = path.join(dir, 'c.auditdesk');
  const r = await runMeasured(['import', casePath, bomb, '--max-record-bytes', String(MiB), '--json']);
  assert.notEqual(r.code, 133);
  assert.equal(r.signal, null);
  assert.equal(r.code, 1, r.stderr);
  const f = (JSON.parse(r.stdout) as { files: { imported: number; skipped: number; errors: RecordError[] }[] }).files[0];
  assert.equal(f.imported, 2);
  assert.equal(f.skipped, 1);
  assert.equal(f.errors.length, 1);
  assert.equal(f.errors[0].line, 2);
  assert.match(f.errors[0].message, /line 2 at byte offset 85 is larger than the record size limit of 1 MiB: skipped/);
  // Bounded: the process never held the record (old code held it several times over).
  assert.ok(r.peakBytes > 0, 'memory was sampled');
  assert.ok(r.peakBytes < LINE_MIB * MiB, `peak ${Math.round(r.peakBytes / MiB)} MiB stays below the ${LINE_MIB} MiB line`);
});

async function read(file: string, maxRecordBytes: number): Promise<{ format: string; records: SourceRecord[]; errors: RecordError[] }> {
  const reader = await openRecordReader(file, { maxRecordBytes, batchSize: 2 });
  const records: SourceRecord[] = [];
  const errors: RecordError[] = [];
  for await (const b of reader.batches()) {
    records.push(...b.records);
    errors.push(...b.errors);
  }
  return { format: reader.format, records, errors };
}

const ids = (rs: SourceRecord[]) => rs.map((r) => r.value.id);

test('JSON array and envelope: an element past the bound is skipped, the elements after it still import', async () => {
  const dir = tempDir();
  const big = `{"id":"big","blob":"${'x'.repeat(5000)}","nested":[{"a":"]"}]}`;
  const array = path.join(dir, 'a.json');
  fs.writeFileSync(array, `[\n${rec('a1', 0)},\n${big},\n${rec('a2', 1)}\n]\n`);
  const a = await read(array, 1000);
  assert.equal(a.format, 'json-array');
  assert.deepEqual(ids(a.records), ['a1', 'a2']);
  assert.deepEqual(
    a.errors.map((e) => e.line),
    [3],
  );
  assert.match(a.errors[0].message, /element starting at line 3 at byte offset \d+ is larger than the record size limit of 1000 bytes: skipped/);

  // Past the bound across read chunks (1 MiB each): buffering stops mid-element.
  const envelope = path.join(dir, 'e.json.gz');
  const huge = `{"id":"huge","blob":"${'y'.repeat(3 * MiB)}"}`;
  fs.writeFileSync(envelope, zlib.gzipSync(`{"total":3,"events":[${rec('e1', 0)},\n${huge},\n${rec('e2', 2)}]}`));
  const e = await read(envelope, MiB);
  assert.equal(e.format, 'json-envelope:events+gzip');
  assert.deepEqual(ids(e.records), ['e1', 'e2']);
  assert.equal(e.errors.length, 1);
  assert.match(e.errors[0].message, /element starting at line 2 .* limit of 1 MiB/);
});

test('JSON Lines past the bound inside one read chunk, and a single-object document past the bound', async () => {
  const dir = tempDir();
  const jsonl = path.join(dir, 'l.jsonl');
  fs.writeFileSync(jsonl, `${rec('l1', 0)}\n{"id":"big","blob":"${'z'.repeat(3000)}"}\n${rec('l2', 1)}\n`);
  const l = await read(jsonl, 1000);
  assert.deepEqual(ids(l.records), ['l1', 'l2']);
  assert.deepEqual(
    l.errors.map((e) => e.line),
    [2],
  );

  const doc = path.join(dir, 'o.json');
  fs.writeFileSync(doc, `{"id":"one","blob":"${'w'.repeat(3000)}","nested":{"a":1}}`);
  const o = await read(doc, 1000);
  assert.equal(o.records.length, 0);
  assert.match(o.errors[0].message, /the JSON document \(one record\) starting at byte offset 0 is larger than the record size limit of 1000 bytes/);
});

test('CSV: a row past the bound is reported and reading stops there; the rows before it import', async () => {
  const dir = tempDir();
  const csv = path.join(dir, 'c.csv');
  const rows = [
    'id,time,action,actor',
    'r1,2026-01-01T00:00:00Z,login,alice',
    'r2,2026-01-01T00:00:01Z,login,bob',
    `r3,2026-01-01T00:00:02Z,"${'q'.repeat(5000)}",carol`,
    'r4,2026-01-01T00:00:03Z,logout,dave',
  ];
  fs.writeFileSync(csv, `${rows.join('\n')}\n`);
  const c = await read(csv, 1000);
  assert.equal(c.format, 'csv');
  assert.deepEqual(ids(c.records), ['r1', 'r2']);
  assert.equal(c.errors.length, 1);
  assert.equal(c.errors[0].line, 4);
  assert.match(
    c.errors[0].message,
    /the row starting at line 4 at byte offset \d+ is larger than the record size limit of 1000 bytes: neither it nor the rest of the file is read/,
  );
});

test('CLI: the engine names no flag for the record size limit; the CLI adds its own --max-record-bytes hint', () => {
  const dir = tempDir();
  const file = path.join(dir, 'l.jsonl');
  fs.writeFileSync(file, `${rec('l1', 0)}\n{"id":"big","blob":"${'z'.repeat(3000)}"}\n${rec('l2', 1)}\n`);
  const r = cli(['import', path.join(dir, 'c.auditdesk'), file, '--max-record-bytes', '1000']);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /2 imported/);
  assert.match(
    r.stdout,
    /error line 2: line 2 at byte offset \d+ is larger than the record size limit of 1000 bytes: skipped; reading resumes at the next line\n/,
  );
  assert.match(r.stdout, /\n {2}\(raise the record size limit with --max-record-bytes N to import such records\)/);
});
