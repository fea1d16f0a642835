// The FTS4 segment reader (fts4-segments.ts) must find exactly the docids SQLite's MATCH finds, for a
// token or a prefix, on an index shaped like a big case's: segments at several levels, interior nodes
// more than one deep, doclists longer than a node, multi-byte docid deltas and positions, digits and
// non-ASCII tokens; again after 'optimize'; and a case's search counts and pages must not change.
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Database } from 'sql.js';
import { loadSqlJs } from '../../src/main/engine/store/sqljs';
import { Fts4FormatError, readTokenHits } from '../../src/main/engine/store/fts4-segments';
import { hitsFromMatch, hitsFromSegments } from '../../src/main/engine/store/search-hits';
import { CaseStore } from '../../src/main/engine/store/case-store';
import { parseSearch, toMatchExpression } from '../../src/shared/search';
import { rng } from '../helpers/generate';
import { freshEngine } from '../helpers/engine';
import { CORPUS_DIR } from '../helpers/paths';
import { uncachedQuery } from '../helpers/search';

const utf8 = new TextEncoder();

/** 120k documents committed in chunks of a few hundred: one level-0 segment per commit, merged upwards. */
function buildIndex(db: Database, automerge = false): number {
  const r = rng(11);
  const syllables = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'xe', 'zu', 'an', 'el', 'or', 'ü'];
  const word = () => Array.from({ length: 1 + Math.floor(r() ** 2 * 4) }, () => syllables[Math.floor(r() * syllables.length)]).join('');
  const fixed = ['user', 'users', 'username', 'agent', 'agents', 'é', 'été', 'ñandú', '日本', '日本語', 'привет', 'Über', '0', '2024'];
  const seps = [' ', ', ', '-', '.', '/', ' | '];
  db.run('CREATE VIRTUAL TABLE t USING fts4(content="", body)');
  if (automerge) db.run("INSERT INTO t(t) VALUES('automerge=8')");
  const ins = db.prepare('INSERT INTO t(docid, body) VALUES (?, ?)');
  let docid = 0;
  for (let n = 0; n < 120_000;) {
    db.run('BEGIN');
    for (const end = n + 200 + Math.floor(r() * 400); n < end; n++) {
      // Gaps make docid deltas of two and three bytes.
      docid += 1 + (r() < 0.0003 ? 20_000 : r() < 0.05 ? Math.floor(r() * 300) : 0);
      const tokens: string[] = [];
      if (r() < 0.4) tokens.push('user');
      if (r() < 0.15) tokens.push('agent');
      // Request-id-like tokens, one or two per document: many distinct terms, so many leaves.
      tokens.push(((docid * 2654435761) >>> 0).toString(16), Math.floor(r() * 2 ** 40).toString(36));
      // One document in a hundred is long: positions past 127 take two bytes.
      const length = r() < 0.01 ? 300 : 4 + Math.floor(r() * 8);
      for (let i = 0; i < length; i++) {
        const x = r();
        tokens.push(x < 0.1 ? fixed[Math.floor(r() * fixed.length)] : x < 0.2 ? String(Math.floor(r() ** 4 * 100_000)) : word());
      }
      ins.run([docid, tokens.join(seps[Math.floor(r() * seps.length)])]);
    }
    db.run('COMMIT');
  }
  ins.free();
  return docid;
}

const rows = (db: Database, sql: string): unknown[][] => db.exec(sql)[0]?.values ?? [];

/** The shape the test claims to cover, so a change of data that loses it fails here rather than silently. */
function assertShape(db: Database): void {
  const levels = rows(db, 'SELECT DISTINCT level FROM t_segdir').length;
  assert.ok(levels >= 3, `segments at ${levels} levels`);
  const rootHeight = Number(rows(db, 'SELECT max(unicode(substr(root, 1, 1))) FROM t_segdir')[0][0]);
  assert.ok(rootHeight >= 2, `interior nodes ${rootHeight} deep`);
  const biggest = Number(rows(db, 'SELECT max(length(block)) FROM t_segments')[0][0]);
  assert.ok(biggest > 3 * 4096, `a doclist of ${biggest} bytes spans nodes`);
}

/** Exact terms and prefixes chosen from the index's own terms (fts4aux), with the edges around them. */
function cases(db: Database): { token: string; prefix: boolean }[] {
  db.run('CREATE VIRTUAL TABLE IF NOT EXISTS temp.terms USING fts4aux(main, t)');
  const all = rows(db, "SELECT term FROM temp.terms WHERE col = '*' ORDER BY term").map((r) => String(r[0]));
  const top = rows(db, "SELECT term FROM temp.terms WHERE col = '*' ORDER BY documents DESC LIMIT 6").map((r) => String(r[0]));
  const sampled = all.filter((_, i) => i % 9973 === 0);
  const last = all[all.length - 1];
  const exact = [
    ...top,
    ...sampled,
    all[0],
    last,
    `${last}z`,
    'user',
    'users',
    'é',
    'été',
    'ñandú',
    '日本',
    'привет',
    'Über',
    'über',
    '0',
    '2024',
    'nosuchtoken',
  ];
  const firstChars = [...new Set(all.map((t) => [...t][0]))];
  const prefixes = [
    ...firstChars,
    ...sampled.map((t) => t.slice(0, 3)),
    ...sampled.slice(0, 6),
    'user', // a whole token, and the start of longer ones
    'agen',
    'ka',
    'kax', // matches nothing
    `${last}z`, // past the last term
    '日',
    'при',
  ];
  return [...exact.map((token) => ({ token, prefix: false })), ...prefixes.map((token) => ({ token, prefix: true }))];
}

function assertSameAsMatch(db: Database, size: number, label: string): void {
  const match = db.prepare('SELECT docid FROM t WHERE t MATCH ?');
  for (const { token, prefix } of cases(db)) {
    const name = `${label}: ${token}${prefix ? '*' : ''}`;
    const want = new Uint8Array(size);
    let wanted = 0;
    match.bind([`"${token}${prefix ? '*' : ''}"`]);
    while (match.step()) wanted += want[match.get()[0] as number] = 1;
    const got = new Uint8Array(size);
    const count = readTokenHits(db, 't', utf8.encode(token), prefix, got);
    if (!Buffer.from(want.buffer).equals(got)) {
      const diff = want.findIndex((w, i) => w !== got[i]);
      assert.fail(`${name}: docid ${diff} is ${want[diff] ? 'missing' : 'extra'}`);
    }
    assert.equal(count, wanted, `${name}: count`);
  }
  match.free();
}

test('the segment reader finds what MATCH finds, for tokens and prefixes, before and after optimize', async () => {
  const db = new (await loadSqlJs()).Database();
  const size = buildIndex(db) + 1;
  assertShape(db);
  assertSameAsMatch(db, size, 'segments');
  db.run("INSERT INTO t(t) VALUES('optimize')");
  assert.equal(rows(db, 'SELECT count(*) FROM t_segdir')[0][0], 1);
  assertSameAsMatch(db, size, 'optimized');
  db.close();
});

test("with automerge (the search table's setting): segments merged a share per commit read the same", async () => {
  const db = new (await loadSqlJs()).Database();
  const size = buildIndex(db, true) + 1;
  // Incremental merges leave segments at several levels, some of them outputs still being written.
  assert.ok(rows(db, 'SELECT DISTINCT level FROM t_segdir').length >= 2);
  assertSameAsMatch(db, size, 'automerge');
  db.close();
});

test('a deleted row (a table with content) is refused, not misread', async () => {
  const db = new (await loadSqlJs()).Database();
  db.run('CREATE VIRTUAL TABLE d USING fts4(body)');
  db.run("INSERT INTO d(docid, body) VALUES (1, 'alpha beta'), (2, 'alpha'), (3, 'alpha gamma')");
  db.run('DELETE FROM d WHERE docid = 2');
  assert.throws(
    () => readTokenHits(db, 'd', utf8.encode('alpha'), false, new Uint8Array(4)),
    (e) => e instanceof Fts4FormatError && /deleted/.test(e.message),
  );
  db.close();
});

test('a case of real files: search counts and pages are what MATCH gives', async () => {
  const { engine, casePath } = await freshEngine();
  // One import and one search at a time, so the index holds a segment per file.
  for (const file of [
    'aws_cloudtrail/ec2_proxy_s3_exfiltration_2020-09-14011940.json',
    'okta/elastic_okta_system_events.log',
    'aws_s3_honeybucket/AWS_S3_HoneyBucketLogs.csv',
    'kubernetes/audit2rbac_demo.log',
    'gcp_audit/plaso_gcp_logging.jsonl',
  ]) {
    await engine.importFiles({ paths: [path.join(CORPUS_DIR, file)] });
    await engine.queryEvents({ search: 'a*' });
  }
  engine.close();

  const store = await CaseStore.open(casePath);
  const terms = store.withDb((db) => {
    db.run('CREATE VIRTUAL TABLE IF NOT EXISTS temp.terms USING fts4aux(main, search)');
    return rows(db, "SELECT term FROM temp.terms WHERE col = '*' ORDER BY documents DESC").map((r) => String(r[0]));
  });
  assert.ok(store.withDb((db) => Number(rows(db, 'SELECT count(*) FROM search_segdir')[0][0])) >= 3, 'several segments');
  const picked = terms.filter((_, i) => i < 10 || i % 97 === 0);
  const searches = [
    ...picked,
    ...picked.map((t) => `${t.slice(0, 2)}*`),
    ...'a1sgekr'.split('').map((c) => `${c}*`),
    'AWS s3*',
    'user* agent*',
    'GetObject 200',
    '"s3 amazonaws com"', // a phrase: MATCH answers
    's3:GetObject', // one typed word, two tokens
    'zzzq*',
  ];
  for (const search of searches) {
    for (const q of [{ search }, { search, order: 'desc' as const, offset: 20, limit: 30 }]) {
      store.dropCaches();
      // What query() gave before the segment reader: the hits straight from MATCH.
      const want = uncachedQuery(store, q);
      const got = store.query(q);
      assert.equal(got.total, want.total, `count of ${JSON.stringify(q)}`);
      assert.deepEqual(
        got.events.map((e) => e.id),
        want.ids,
        `page of ${JSON.stringify(q)}`,
      );
    }
    // Single tokens are read from the segments (not a silent fallback), the same set as MATCH's.
    const parsed = parseSearch(search);
    store.withDb((db) => {
      const size = Number(rows(db, 'SELECT max(id) FROM events')[0][0]) + 1;
      const direct = hitsFromSegments(db, parsed, size);
      if (parsed.some((t) => t.tokens.length > 1)) return assert.equal(direct, null, search);
      assert.ok(direct, `${search}: read from the segments`);
      const viaMatch = hitsFromMatch(db, toMatchExpression(parsed), size);
      assert.equal(direct.count, viaMatch.count, search);
      assert.deepEqual(direct.bits, viaMatch.bits, search);
    });
  }
  store.close();
});
