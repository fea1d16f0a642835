// `auditdesk facets`: the facet panel from the shell, for the same filters as `query`, with the CLI's
// exit codes (0 done, 1 failed, 2 usage).
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { cli } from '../helpers/cli';
import { tempDir } from '../helpers/paths';
import { writeMultiVendorCase } from './multi-vendor';

interface FacetsDoc {
  total: number;
  facets: { field: string; values: { value: string | null; count: number }[] }[];
}

test('facets CASE prints top values per field for the filters given, as JSON or text', () => {
  const dir = tempDir();
  const casePath = path.join(dir, 'f.auditdesk');
  const { files, total } = writeMultiVendorCase(dir, 30);
  assert.equal(cli(['import', casePath, ...files, '--json']).code, 0);
  const facets = (...args: string[]) => {
    const r = cli(['facets', casePath, ...args, '--json']);
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as FacetsDoc;
  };

  const all = facets();
  assert.equal(all.total, total);
  assert.deepEqual(
    all.facets.map((f) => f.field),
    ['vendor', 'source', 'actor', 'actorType', 'action', 'targetType', 'outcome', 'ip'],
  );
  const vendors = all.facets[0].values;
  assert.equal(
    vendors.reduce((n, v) => n + v.count, 0),
    total,
    'five vendors: every event counted under one',
  );
  assert.ok(
    vendors.every((v, i) => i === 0 || vendors[i - 1].count >= v.count),
    'most frequent first',
  );

  // A filter, chosen fields and a limit: the counts are those of the matching events.
  const [top] = vendors;
  const some = facets('--where', `vendor=${top.value}`, '--field', 'vendor', '--field', 'outcome', '--limit', '2');
  assert.equal(some.total, top.count);
  assert.deepEqual(
    some.facets.map((f) => f.field),
    ['vendor', 'outcome'],
  );
  assert.deepEqual(some.facets[0].values, [top]);
  assert.ok(some.facets[1].values.length <= 2);
  const matching = JSON.parse(cli(['query', casePath, '--where', `vendor=${top.value}`, '--limit', '1000', '--json']).stdout) as {
    events: { outcome: string }[];
  };
  for (const v of some.facets[1].values) assert.equal(v.count, matching.events.filter((e) => e.outcome === v.value).length);

  const text = cli(['facets', casePath, '--field', 'vendor']);
  assert.equal(text.code, 0);
  assert.match(text.stdout, new RegExp(`^${total} events match\\nvendor:\\n\\s+${top.count}  ${top.value}\\n`));

  assert.equal(cli(['facets', casePath, '--field', 'colour']).code, 2, 'an unknown field is a usage error');
  assert.match(cli(['facets', casePath, '--field', 'colour']).stderr, /one of: vendor, source/);
  assert.equal(cli(['facets', casePath, '--limit', '0']).code, 2);
  assert.equal(cli(['facets', casePath, '--from', 'yesterday-ish', '--json']).code, 1, 'a bad time fails');
  const missing = cli(['facets', path.join(dir, 'nope.auditdesk'), '--json']);
  assert.equal(missing.code, 1);
  assert.match((JSON.parse(missing.stdout) as { error: string }).error, /no case/);
});
