// A raw record damaged on disk is never exported: every format and lane (the CSV fast lane included)
// stops with the event, its source and offset named, and leaves no export folder behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { cli } from '../helpers/cli';
import { tempDir } from '../helpers/paths';
import { opboxJsonl } from '../helpers/generate';
import { SEGMENT_FILE } from '../../src/main/engine/store/case-store';

test('a zeroed stretch inside one stored record stops JSON, JSONL and both CSV exports, naming the event', (t) => {
  const dir = tempDir();
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'a.jsonl');
  const lines = opboxJsonl(3000, 3).split('\n');
  fs.writeFileSync(file, lines.join('\n'));
  const casePath = path.join(dir, 'c.auditdesk');
  assert.equal(cli(['import', casePath, file]).code, 0);

  // Zero 16 bytes in the middle of the 1,500th record's own text (not its stored header).
  const seg = path.join(casePath, SEGMENT_FILE);
  const bytes = fs.readFileSync(seg);
  const record = Buffer.from(lines[1499]);
  const at = bytes.indexOf(record);
  assert.ok(at > 0 && bytes.indexOf(record, at + 1) < 0, 'the record is stored once');
  bytes.fill(0, at + 40, at + 56);
  fs.writeFileSync(seg, bytes);

  for (const args of [
    ['--format', 'csv'],
    ['--format', 'csv', '--normalized'],
    ['--format', 'jsonl'],
    ['--format', 'json', '--normalized'],
  ]) {
    const out = path.join(dir, `out-${args.join('')}`);
    const r = cli(['export', casePath, ...args, '--out', out]);
    assert.equal(r.code, 1, `${args.join(' ')}: ${r.stderr}`);
    assert.match(
      r.stderr,
      /event \d+ \(source a\.jsonl, raw\.seg offset \d+, \d+ bytes\): its raw record is damaged \(it holds a stretch of zero bytes\)/,
      args.join(' '),
    );
    assert.equal(fs.existsSync(out), false, `${args.join(' ')}: no export is left`);
  }
  // A filter that leaves the damaged event out still exports through the fast lane.
  const clean = path.join(dir, 'clean');
  const r = cli(['export', casePath, '--format', 'csv', '--q', 'id:[1 TO 100]', '--out', clean]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(cli(['verify', clean]).code, 0);
});
