// The query language's parser: the tree of each construct, errors with the offset they stopped at, and
// chips (top-level clauses) rewritten as text that parses back to the same tree.
import test from 'node:test';
import assert from 'node:assert/strict';
import { parseQuery, QuerySyntaxError, type QlNode } from '../../src/shared/ql';
import { negateClause, removeClause, toText, withValue, withoutFieldClauses } from '../../src/shared/ql-text';
import { matcherOf } from '../../src/shared/ql-match';

/** The tree without offsets, to compare shapes. */
const shape = (n: QlNode | null): unknown => JSON.parse(JSON.stringify(n, (k, v) => (k === 'at' ? undefined : v)));
const term = (field: string | null, value: string, quoted = false) => ({ type: 'term', field, match: { kind: 'exact', value, quoted } });

test('each construct parses to its tree', () => {
  assert.equal(parseQuery('   '), null);
  assert.deepEqual(shape(parseQuery('actor:alice')), term('actor', 'alice'));
  assert.deepEqual(shape(parseQuery('ACTOR:"alice smith"')), term('actor', 'alice smith', true));
  assert.deepEqual(shape(parseQuery('login failed')), { type: 'and', items: [term(null, 'login'), term(null, 'failed')] });
  assert.deepEqual(shape(parseQuery('a OR b AND c')), { type: 'or', items: [term(null, 'a'), { type: 'and', items: [term(null, 'b'), term(null, 'c')] }] });
  assert.deepEqual(shape(parseQuery('NOT a -b')), {
    type: 'and',
    items: [
      { type: 'not', item: term(null, 'a') },
      { type: 'not', item: term(null, 'b') },
    ],
  });
  assert.deepEqual(shape(parseQuery('outcome:(failure OR denied)')), { type: 'or', items: [term('outcome', 'failure'), term('outcome', 'denied')] });
  assert.deepEqual(shape(parseQuery('actor:svc-*')), { type: 'term', field: 'actor', match: { kind: 'wildcard', pattern: 'svc-*' } });
  assert.deepEqual(shape(parseQuery('actor:a\\*b')), term('actor', 'a*b'));
  assert.deepEqual(shape(parseQuery('action:/user\\.(create|delete)/')), {
    type: 'term',
    field: 'action',
    match: { kind: 'regex', source: 'user\\.(create|delete)' },
  });
  assert.deepEqual(shape(parseQuery('time:[2026-03-01 TO 2026-03-08}')), {
    type: 'range',
    field: 'time',
    from: '2026-03-01',
    to: '2026-03-08',
    fromInclusive: true,
    toInclusive: false,
  });
  assert.deepEqual(shape(parseQuery('id:{10 TO *]')), { type: 'range', field: 'id', from: '10', to: null, fromInclusive: false, toInclusive: true });
  assert.deepEqual(shape(parseQuery('_exists_:requestId')), { type: 'exists', field: 'requestId' });
  assert.deepEqual(shape(parseQuery('ip:*')), { type: 'exists', field: 'ip' });
  assert.deepEqual(shape(parseQuery('raw.userIdentity.arn:arn:aws:iam::1:user/x')), term('raw.userIdentity.arn', 'arn:aws:iam::1:user/x'));
  assert.deepEqual(shape(parseQuery('2026-03-01')), term(null, '2026-03-01'));
});

test('a syntax error says what and where (offset of the character)', () => {
  const cases: [string, number, RegExp][] = [
    ['actor:alice AND (outcome:failure', 16, /unclosed "\("/],
    ['a OR', 4, /nothing after OR/],
    ['actr:alice', 0, /unknown field "actr"/],
    ['actor:"alice', 6, /unclosed quote/],
    ['a )', 2, /unbalanced "\)"/],
    ['time:[2026-03-01 2026-03-08]', 17, /expected TO/],
    ['time:[2026-13-45 TO *]', 6, /not a date or time/],
    ['actor:[a TO b]', 6, /ranges work on time and id/],
    ['action:/(unclosed/', 7, /bad regular expression/],
    ['time:2026-03-01', 0, /time takes a range/],
    ['- a', 0, /nothing after "-"/],
    ['AND a', 0, /AND needs something before it/],
    ['actor:', 6, /needs a value/],
  ];
  for (const [q, offset, reason] of cases) {
    assert.throws(
      () => parseQuery(q),
      (e: unknown) => e instanceof QuerySyntaxError && e.offset === offset && reason.test(e.reason) && e.message.includes(`character ${offset + 1}`),
      q,
    );
  }
});

test('text written from a tree parses back to the same tree', () => {
  for (const q of [
    'actor:"a b" -outcome:success',
    'outcome:(failure OR denied) AND actor:svc*',
    '(a OR b) c',
    '-(a OR b)',
    'time:{2026-03-01 TO *]',
    'raw.x.y:"1 2"',
    'actor:a\\*b',
    '_exists_:ip',
    'action:/a|b/',
  ]) {
    // Quoting is how a value was written, not what it means.
    const meaning = (n: QlNode | null) => JSON.stringify(shape(n), (k, v) => (k === 'quoted' ? undefined : v));
    const tree = parseQuery(q);
    assert.equal(meaning(parseQuery(toText(tree!))), meaning(tree), q);
  }
});

test('chips: filter for, filter out, OR a second value, negate, remove', () => {
  let q = withValue('', 'outcome', 'failure', 'for');
  assert.equal(q, 'outcome:"failure"');
  q = withValue(q, 'outcome', 'denied', 'or');
  assert.equal(q, 'outcome:("failure" OR "denied")');
  q = withValue(q, 'actor', 'svc@x', 'out');
  assert.equal(q, 'outcome:("failure" OR "denied") -actor:"svc@x"');
  assert.equal(withValue(q, 'actor', 'svc@x', 'for'), 'outcome:("failure" OR "denied") actor:"svc@x"');
  assert.equal(negateClause(q, 0), '-outcome:("failure" OR "denied") -actor:"svc@x"');
  assert.equal(negateClause(q, 1), 'outcome:("failure" OR "denied") actor:"svc@x"');
  assert.equal(removeClause(q, 0), '-actor:"svc@x"');
  assert.equal(withValue('a OR b', 'ip', '1.2.3.4', 'for'), '(a OR b) ip:"1.2.3.4"');
  // A facet of a field the query picks values of is counted without those picks.
  assert.equal(withoutFieldClauses(q, 'outcome'), '-actor:"svc@x"');
  assert.equal(withoutFieldClauses(q, 'actor'), null);
});

test('wildcards fold ASCII letters only (as SQLite LIKE does); regexes match the whole value', () => {
  const w = (p: string, v: string) => matcherOf({ kind: 'wildcard', pattern: p })(v);
  assert.ok(w('ALI*', 'alice') && w('a?ice', 'alice') && !w('ali', 'alice') && w('é*', 'éric') && !w('É*', 'éric'));
  assert.ok(w('a\\*b', 'a*b') && !w('a\\*b', 'axb'));
  const r = (s: string, v: string) => matcherOf({ kind: 'regex', source: s })(v);
  assert.ok(r('al.*', 'alice') && !r('lic', 'alice') && matcherOf({ kind: 'regex', source: 'lic' }, true)('alice'));
});
