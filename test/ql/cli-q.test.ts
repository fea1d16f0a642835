// `--q QUERY` on query, facets, export and trace: the same answers as the --where it stands for, a syntax
// error as a usage error pointing at the character, and the export manifest's query as text and tree.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { cli } from '../helpers/cli';
import { tempDir } from '../helpers/paths';
import { TRACE_ID, writeMultiVendorCase } from '../investigate/multi-vendor';

test('--q gives what the equivalent --where gives, on query, facets, export and trace', () => {
  const dir = tempDir();
  const casePath = path.join(dir, 'q.auditdesk');
  const { files } = writeMultiVendorCase(dir, 40);
  assert.equal(cli(['import', casePath, ...files, '--json']).code, 0);
  const run = (...args: string[]) => {
    const r = cli([...args, '--json']);
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as Record<string, unknown>;
  };
  const pairs: [string[], string][] = [
    [['--where', 'vendor=opbox'], 'vendor:opbox'],
    [['--where', 'actor~USER'], 'actor:*USER*'],
    [['--where', 'outcome=failure', '--where', 'vendor~o'], 'outcome:failure AND vendor:*o*'],
  ];
  for (const [where, q] of pairs) {
    const a = run('query', casePath, ...where, '--limit', '1000');
    assert.ok((a.total as number) > 0 && (a.total as number) < 200, `${q}: ${a.total}`);
    assert.deepEqual(run('query', casePath, '--q', q, '--limit', '1000'), a, q);
    assert.deepEqual(run('facets', casePath, '--q', q), run('facets', casePath, ...where), q);
  }
  // OR and NOT, which --where cannot say: the union and the complement.
  const total = run('query', casePath, '--limit', '0').total as number;
  const failed = run('query', casePath, '--where', 'outcome=failure', '--limit', '0').total as number;
  const denied = run('query', casePath, '--where', 'outcome=denied', '--limit', '0').total as number;
  assert.equal(run('query', casePath, '--q', 'outcome:(failure OR denied)', '--limit', '0').total, failed + denied);
  assert.equal(run('query', casePath, '--q', '-outcome:failure', '--limit', '0').total, total - failed);

  // Export: the manifest keeps the query as text and as its tree.
  const out = path.join(dir, 'export');
  run('export', casePath, '--q', 'outcome:(failure OR denied)', '--format', 'json', '--out', out);
  const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')) as {
    filter: { query: { q: string }; tree: unknown; sentence: string };
    data: { rows: number };
  };
  assert.equal(manifest.filter.query.q, 'outcome:(failure OR denied)');
  assert.deepEqual(manifest.filter.tree, {
    type: 'or',
    items: [
      { type: 'term', field: 'outcome', match: { kind: 'exact', value: 'failure', quoted: false }, at: 9 },
      { type: 'term', field: 'outcome', match: { kind: 'exact', value: 'denied', quoted: false }, at: 20 },
    ],
  });
  assert.equal(manifest.data.rows, failed + denied);
  assert.match(manifest.filter.sentence, /the query `outcome:\(failure OR denied\)` matches/);

  // Trace: the steps the query keeps, and the trace of the first event it matches.
  const whole = run('trace', casePath, TRACE_ID) as { events: { vendor: string }[] };
  const opbox = run('trace', casePath, TRACE_ID, '--q', 'vendor:opbox') as { events: { vendor: string }[] };
  assert.ok(whole.events.length > opbox.events.length && opbox.events.length > 0);
  assert.deepEqual(
    opbox.events,
    whole.events.filter((e) => e.vendor === 'opbox'),
  );
  assert.deepEqual(run('trace', casePath, '--q', `requestId:${TRACE_ID}`), whole);
});

test('a --q syntax error is a usage error naming the character, with a caret under it', () => {
  const dir = tempDir();
  const casePath = path.join(dir, 'e.auditdesk');
  const { files } = writeMultiVendorCase(dir, 5);
  assert.equal(cli(['import', casePath, ...files, '--json']).code, 0);
  for (const cmd of ['query', 'facets', 'trace']) {
    const r = cli([cmd, casePath, '--q', 'actor:alice AND (outcome:failure']);
    assert.equal(r.code, 2, cmd);
    assert.match(r.stderr, /--q: query error at character 17: unclosed "\(": no "\)" after it\n  actor:alice AND \(outcome:failure\n {18}\^/, cmd);
  }
  const r = cli(['export', casePath, '--q', 'actr:x', '--format', 'csv', '--out', path.join(dir, 'x')]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown field "actr"/);
  assert.ok(!fs.existsSync(path.join(dir, 'x')));
});
