// Event ids beyond 2^53 are kept as the source wrote them: JSON.parse alone rounds 9007199254740993
// to …992, which made two different events look like "same id, different content".
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { cli } from '../helpers/cli';
import { tempDir } from '../helpers/paths';
import { parseJsonExact } from '../../src/main/engine/import/exact-json';

type Report = { files: { imported: number; errors: unknown[]; warnings: { message: string }[] }[] };
type Rows = { events: { eventId: string; raw: string }[] };

test('ids beyond 2^53 import with their exact digits, and distinct ids raise no same-id flag', () => {
  const dir = tempDir();
  const casePath = path.join(dir, 'c.auditdesk');
  const jsonl = path.join(dir, 'big-ids.jsonl');
  fs.writeFileSync(
    jsonl,
    [
      '{"id":9007199254740992,"timestamp":"2026-01-01T00:00:00Z","action":"user.login","actor":"alice"}',
      '{"id":9007199254740993,"timestamp":"2026-01-01T00:00:01Z","action":"user.logout","actor":"alice"}',
      '{"id":-123456789012345678901,"timestamp":"2026-01-01T00:00:02Z","action":"user.logout","actor":"bob"}',
    ].join('\n') + '\n',
  );
  const array = path.join(dir, 'big-ids.json');
  fs.writeFileSync(array, '[\n  {"id": 18446744073709551615, "timestamp": "2026-01-02T00:00:00Z", "action": "a.b", "actor": "carol"}\n]\n');

  const r = cli(['import', casePath, jsonl, array, '--json']);
  assert.equal(r.code, 0, r.stderr);
  const rep = JSON.parse(r.stdout) as Report;
  assert.deepEqual(
    rep.files.map((f) => f.imported),
    [3, 1],
  );
  for (const f of rep.files)
    assert.deepEqual(
      f.warnings.filter((w) => /same .* event id/.test(w.message)),
      [],
    );

  const q = cli(['query', casePath, '--limit', '10', '--json']);
  assert.equal(q.code, 0, q.stderr);
  const ids = (JSON.parse(q.stdout) as Rows).events.map((e) => e.eventId);
  assert.deepEqual(ids.sort(), ['-123456789012345678901', '18446744073709551615', '9007199254740992', '9007199254740993'].sort());

  const exact = cli(['query', casePath, '--where', 'eventId=9007199254740993', '--json']);
  const hit = (JSON.parse(exact.stdout) as Rows).events;
  assert.equal(hit.length, 1);
  assert.match(hit[0].raw, /"id":9007199254740993,/, 'the raw record is as written');
  assert.equal(
    (JSON.parse(cli(['query', casePath, '--search', '9007199254740993', '--json']).stdout) as Rows).events.length,
    1,
    'search finds the exact digits',
  );
});

test('parseJsonExact quotes only unsafe integer literals outside strings', () => {
  assert.deepEqual(
    parseJsonExact('{"a":"9007199254740993","b":9007199254740993,"c":1.5e300,"d":12345678901234567.5,"e":[-9007199254740993],"f":"x\\"9007199254740993"}'),
    {
      a: '9007199254740993',
      b: '9007199254740993',
      c: 1.5e300,
      d: 12345678901234567.5,
      e: ['-9007199254740993'],
      f: 'x"9007199254740993',
    },
  );
  assert.deepEqual(parseJsonExact('{"n":9007199254740991}'), { n: 9007199254740991 });
  assert.throws(
    () => parseJsonExact('{"n":90071992547409931 x}'),
    (e: Error) => e instanceof SyntaxError && /position 23/.test(e.message),
  );
});
