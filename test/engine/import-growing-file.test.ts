// A file appended to while it imports (a log still being written) is read and hashed at the length
// it had when the import started, and the report says it grew: before, the hash covered one length
// and the records another.
import test from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Engine } from '../../src/main/engine/engine';
import type { HostEvent } from '../../src/shared/contract';
import { tempDir } from '../helpers/paths';

const line = (id: string, i: number) => `{"id":"${id}","timestamp":"2026-01-01T00:00:00Z","action":"user.login","actor":"user${i % 50}","n":${i}}\n`;

test('a file appended to during its import: only the bytes present at the start are imported and hashed, and the report says it grew', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'live.jsonl');
  // Large enough that the parse thread (a few batches ahead at most) is far from the end when the
  // first batch is stored.
  const N = 200_000;
  const parts: string[] = [];
  for (let i = 0; i < N; i++) parts.push(line(`e${i}`, i));
  const original = Buffer.from(parts.join(''));
  fs.writeFileSync(file, original);

  let appended = false;
  const engine = new Engine((e: HostEvent) => {
    if (!appended && e.type === 'progress' && !e.progress.done && e.progress.events > 0) {
      appended = true;
      let more = '';
      for (let i = 0; i < 1000; i++) more += line(`late${i}`, i);
      fs.appendFileSync(file, more);
    }
  });
  await engine.openCase({ path: path.join(dir, 'c.auditdesk'), create: true });
  const report = await engine.importFiles({ paths: [file] });
  assert.ok(appended, 'the file was appended to while the import ran');
  const f = report.files[0];
  assert.deepEqual(f.errors, []);
  assert.equal(f.imported, N, 'the appended records are not part of this import');
  const grown = fs.statSync(file).size;
  assert.ok(grown > original.length);
  const grew = f.warnings.find((w) => /grew during import/.test(w.message));
  assert.ok(grew, JSON.stringify(f.warnings));
  assert.equal(
    grew.message,
    `${file} grew during import (${original.length} bytes at the start, ${grown} now): only its first ${original.length} bytes were imported and hashed; import it again later for the rest`,
  );

  const info = await engine.caseInfo();
  const src = info!.sources[0];
  assert.equal(src.sha256, crypto.createHash('sha256').update(original).digest('hex'), 'the stored hash is of exactly the imported bytes');
  const late = await engine.queryEvents({ where: [{ field: 'eventId', op: 'eq', value: 'late0' }] });
  assert.equal(late.total, 0);
  engine.close();
});
