// Reviewing an inferred mapping, correcting it, and saving it for this source and the next file.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { freshEngine, writeFile } from '../helpers/engine';

const rows = (n: number, offset = 0) =>
  Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      ref: `r${i + offset}`,
      when: `2026-03-0${1 + (i % 8)}T10:00:00Z`,
      logged: `2026-04-0${1 + (i % 8)} 09:00:00`,
      who: `u${i}@example.com`,
      op: 'thing.changed',
      old: { v: i },
      new: { v: i + 1 },
    }),
  ).join('\n');

test('a corrected mapping re-derives the source and applies to the next file of that shape; raw is unchanged', async () => {
  const { engine, dir } = await freshEngine();
  const first = writeFile(dir, 'custom-a.jsonl', rows(20));
  await engine.importFiles({ paths: [first] });
  const info = (await engine.caseInfo())!;
  const src = info.sources[0];
  const review = await engine.getMapping({ sourceId: src.id });
  assert.equal(review.mapping.origin, 'inferred');
  assert.ok(review.paths.some((p) => p.path === 'logged'));
  assert.ok(review.samples.length > 0);
  const before = await engine.queryEvents({ limit: 1 });
  const rawBefore = (await engine.getEvent({ id: before.events[0].id })).raw;

  // The investigator decides the ingestion time column is the one to use, and names the actor field.
  const corrected = { ...review.mapping, fields: { ...review.mapping.fields, time: ['logged'], actor: ['who'] } };
  const after = await engine.saveMapping({ sourceId: src.id, mapping: corrected, reapply: true });
  assert.equal(after.sources[0].mappingOrigin, 'saved');
  const ev = await engine.getEvent({ id: before.events[0].id });
  assert.equal(ev.raw, rawBefore, 'raw record unchanged');
  assert.equal(ev.timeOriginal, '2026-04-01 09:00:00');
  assert.equal(ev.timeFlag, 'no-zone');
  assert.match(ev.time ?? '', /^2026-04-0/);
  assert.equal(ev.actor, 'u0@example.com');

  // The next file of the same shape is mapped with the saved mapping.
  const second = writeFile(dir, 'custom-b.jsonl', rows(5, 100));
  const r = await engine.importFiles({ paths: [second] });
  assert.equal(r.files[0].imported, 5);
  const info2 = (await engine.caseInfo())!;
  assert.equal(info2.sources[1].mappingOrigin, 'saved');
  const { events } = await engine.queryEvents({ where: [{ field: 'source', op: 'eq', value: 'custom-b.jsonl' }] });
  assert.ok(events.every((e) => e.timeOriginal?.includes(' 09:00:00')));
  assert.ok(fs.existsSync(path.join(info2.path, 'case.sqlite')));
  engine.close();
});
