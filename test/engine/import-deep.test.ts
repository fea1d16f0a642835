// A record nested 100,000 deep is valid JSON: it imports with its bytes intact, and searching or
// diffing the case afterwards still works (walks that recursed overflowed the call stack).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { cli } from '../helpers/cli';
import { tempDir } from '../helpers/paths';

const DEPTH = 100_000;
const deep = (word: string) => `${'['.repeat(DEPTH)}"${word}"${']'.repeat(DEPTH)}`;

test('a 100,000-deep record imports intact; full-text search and diff of the case keep working', () => {
  const dir = tempDir();
  const casePath = path.join(dir, 'c.auditdesk');
  const deepLine = `{"id":"d1","timestamp":"2026-01-01T00:00:01Z","action":"user.update","actor":"bob","before":${deep('oldword')},"after":${deep('deepword')}}`;
  const lines = [
    '{"id":"n1","timestamp":"2026-01-01T00:00:00Z","action":"user.login","actor":"alice","msg":"normalword"}',
    deepLine,
    '{"id":"n2","timestamp":"2026-01-01T00:00:02Z","action":"user.logout","actor":"carol","msg":"normalword"}',
  ];
  const file = path.join(dir, 'deep.jsonl');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);

  const imp = cli(['import', casePath, file, '--json']);
  assert.equal(imp.code, 0, imp.stderr);
  assert.equal((JSON.parse(imp.stdout) as { files: { imported: number }[] }).files[0].imported, 3);

  type Found = { total: number; events: { id: string; eventId: string }[] };
  const search = (q: string): Found => {
    const r = cli(['query', casePath, '--search', q, '--json']);
    assert.equal(r.code, 0, `search ${q}: ${r.stdout} ${r.stderr}`);
    return JSON.parse(r.stdout) as Found;
  };
  assert.deepEqual(
    search('normalword')
      .events.map((e) => e.eventId)
      .sort(),
    ['n1', 'n2'],
  );
  assert.deepEqual(
    search('deepword').events.map((e) => e.eventId),
    ['d1'],
  );

  const d1 = search('deepword').events[0];
  const exported = path.join(dir, 'out');
  const ex = cli(['export', casePath, '--id', d1.id, '--format', 'jsonl', '--raw', '--out', exported, '--json']);
  assert.equal(ex.code, 0, ex.stderr);
  const files = fs
    .readdirSync(exported, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.jsonl'));
  const text = files.map((f) => fs.readFileSync(path.join(exported, f), 'utf8')).join('');
  assert.ok(text.includes(deepLine), "the deep record's raw bytes come back unchanged");

  // The before/after view is bounded (the raw record above keeps every level).
  const diff = cli(['diff', casePath, d1.id, '--json']);
  assert.equal(diff.code, 0, diff.stdout + diff.stderr);
  assert.match((JSON.parse(diff.stdout) as { after: string }).after, /nested more than 64 levels deep: see the raw record/);
});
