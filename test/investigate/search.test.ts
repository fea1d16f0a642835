// Full-text search over raw records (FTS4): words, phrases and prefixes against the stored records,
// highlights, the index catching up with later imports, and the CLI's --search.
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { freshEngine, writeFile } from '../helpers/engine';
import { cli } from '../helpers/cli';
import { tempDir } from '../helpers/paths';
import { findHits, jsonKeyRanges, parseSearch, snippet, toMatchExpression } from '../../src/shared/search';
import { searchText } from '../../src/main/engine/store/search-index';

const rec = (i: number, extra: Record<string, unknown>) =>
  JSON.stringify({ id: `evt-${i}`, time: `2026-03-01T10:00:${String(i).padStart(2, '0')}Z`, actor: `user${i}@example.com`, action: 'file.read', ...extra });

test('search language: phrases, prefixes, punctuation split like the FTS4 tokenizer', () => {
  assert.deepEqual(parseSearch('alice "mass export" exfil*'), [
    { tokens: ['alice'], prefix: false },
    { tokens: ['mass', 'export'], prefix: false },
    { tokens: ['exfil'], prefix: true },
  ]);
  assert.equal(toMatchExpression(parseSearch('bob@corp.io OR -x NEAR')), '"bob corp io" "or" "x" "near"', 'never FTS operators');
  assert.deepEqual(parseSearch('"" * "'), []);
  const text = 'Exfiltration by exfil-bot; not prefixexfil';
  assert.deepEqual(
    findHits(text, parseSearch('exfil*')).map((h) => text.slice(h.start, h.end)),
    ['Exfiltration', 'exfil'],
  );
  const s = snippet(`${'x '.repeat(100)}the Mass  Export ran`, parseSearch('"mass export"'));
  assert.deepEqual(
    s.hits.map((h) => s.text.slice(h.start, h.end)),
    ['Mass Export'],
    'a phrase is one hit',
  );
  assert.ok(s.text.startsWith('…'));
  // A phrase is highlighted only where its words follow one another, not wherever each word occurs.
  const p = snippet('{"msg":"user logged in","eventType":"user.session.start","note":"session over"}', parseSearch('"user session"'));
  assert.deepEqual(
    p.hits.map((h) => p.text.slice(h.start, h.end)),
    ['user.session'],
  );
  const pre = 'Mass exports, mass export-job, massive export';
  assert.deepEqual(
    findHits(pre, parseSearch('"mass export"*')).map((h) => pre.slice(h.start, h.end)),
    ['Mass exports', 'mass export'],
  );
  // Keys are not indexed: the word in a key is not a hit, the one in a value is (and the window shows it).
  const rec = `{"user":{"username":"sa1"},"responseStatus":{"message":"${'padding '.repeat(20)}User \\"bob\\" cannot list"}}`;
  const k = snippet(rec, parseSearch('user*'));
  assert.deepEqual(
    k.hits.map((h) => k.text.slice(h.start, h.end)),
    ['User'],
  );
  assert.deepEqual(
    jsonKeyRanges('{"a": "b:", "c" :1}').map(([x, y]) => '{"a": "b:", "c" :1}'.slice(x, y)),
    ['a', 'c'],
  );
  assert.equal(searchText('{"a":{"b":["deep value",42]},"key_only":null}'), 'deep value 42', 'JSON: values, not keys');
  assert.equal(searchText('a,b,"c d"'), 'a,b,"c d"');
});

test('engine search: words, phrases, prefixes, highlights; later imports are indexed on the next search', async () => {
  const { engine, dir } = await freshEngine();
  const first = writeFile(
    dir,
    'a.jsonl',
    [
      rec(1, { detail: { note: 'mass export of customer table' } }),
      rec(2, { detail: { note: 'export finished; mass mailing queued' } }),
      rec(3, { detail: { note: 'exfiltration suspected', host: 'db-07' } }),
      rec(4, { detail: { note: 'routine backup' } }),
    ].join('\n'),
  );
  await engine.importFiles({ paths: [first] });
  const ids = async (search: string) => (await engine.queryEvents({ search, limit: 50 })).events.map((e) => e.eventId);

  assert.deepEqual(await ids('mass export'), ['evt-1', 'evt-2'], 'every word, anywhere');
  assert.deepEqual(await ids('"mass export"'), ['evt-1'], 'phrase in order');
  assert.deepEqual(await ids('exf*'), ['evt-3'], 'prefix');
  assert.deepEqual(await ids('exf'), [], 'a word is a whole token');
  assert.deepEqual(await ids('DB-07'), ['evt-3'], 'case and punctuation as the tokenizer sees them');
  assert.deepEqual(await ids('actor'), [], 'keys are not indexed');
  assert.deepEqual(await ids('"user4 example com"'), ['evt-4']);
  const withFilter = await engine.queryEvents({ search: 'export', where: [{ field: 'eventId', op: 'eq', value: 'evt-2' }] });
  assert.equal(withFilter.total, 1);
  assert.equal((await engine.summarize({ search: 'mass' })).total, 2);

  const [hit] = (await engine.queryEvents({ search: '"mass export"' })).events;
  const m = hit.match!;
  assert.deepEqual(
    m.hits.map((h) => m.text.slice(h.start, h.end).toLowerCase()),
    ['mass export'],
  );
  const progress = (await engine.queryEvents({})).events.length;
  assert.equal(progress, 4);

  const second = writeFile(dir, 'b.jsonl', rec(5, { detail: { note: 'second mass export' } }));
  await engine.importFiles({ paths: [second] });
  assert.deepEqual(await ids('"mass export"'), ['evt-1', 'evt-5'], 'the new event is found');
  engine.close();
});

test('CLI: query --search', () => {
  const dir = tempDir();
  const file = path.join(dir, 'x.jsonl');
  writeFile(dir, 'x.jsonl', [rec(1, { msg: 'Privilege escalation via sudo' }), rec(2, { msg: 'sudo session opened' })].join('\n'));
  const casePath = path.join(dir, 's.auditdesk');
  assert.equal(cli(['import', casePath, file, '--json']).code, 0);
  const q = (s: string) => JSON.parse(cli(['query', casePath, '--search', s, '--json']).stdout) as { total: number; events: { eventId: string }[] };
  assert.equal(q('sudo').total, 2);
  assert.deepEqual(
    q('"escalation via"').events.map((e) => e.eventId),
    ['evt-1'],
  );
  assert.deepEqual(
    q('sess*').events.map((e) => e.eventId),
    ['evt-2'],
  );
});
