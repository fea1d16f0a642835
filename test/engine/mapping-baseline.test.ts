// The whole corpus' mapped fields may only get better: counts of filled fields and of `unknown`
// outcomes per file are pinned in test/fixtures/mapping-baseline.json. An improvement is recorded
// with `node scripts/mapping-baseline.mjs --write`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { measureCorpus, regressions, type FillCounts } from '../helpers/mapping-fill';
import { REPO_ROOT } from '../helpers/paths';

test('corpus mapping fill counts are no worse than the baseline', () => {
  const base = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'test/fixtures/mapping-baseline.json'), 'utf8')) as Record<string, FillCounts>;
  const now = measureCorpus();
  assert.deepEqual(Object.keys(now).sort(), Object.keys(base).sort(), 'the baseline covers every corpus file');
  assert.deepEqual(regressions(base, now), []);
});
