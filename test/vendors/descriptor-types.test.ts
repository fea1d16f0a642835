// The descriptor's TypeScript types are generated from its JSON schema; a schema change without
// regenerating them (node scripts/gen-vendor-types.mjs) fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { OUT, generate } from '../../scripts/gen-vendor-types.mjs';

test('descriptor.schema.generated.ts is what the schema generates', async () => {
  assert.equal(fs.readFileSync(OUT, 'utf8'), await generate(), 'stale: run node scripts/gen-vendor-types.mjs');
});
