// Reading a case never changes it: a CLI `info`, `query` or a refused second import, run while another
// process imports into the case, must leave that import's raw records whole.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { BIN, cli } from '../helpers/cli';
import { tempDir } from '../helpers/paths';
import { opboxJsonl } from '../helpers/generate';
import { CaseStore, SEGMENT_FILE } from '../../src/main/engine/store/case-store';

test('info, query and a refused import during an import leave every raw record of the import readable', async (t) => {
  const dir = tempDir();
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const big = path.join(dir, 'big.jsonl');
  fs.writeFileSync(big, opboxJsonl(250_000));
  const small = path.join(dir, 'small.jsonl');
  fs.writeFileSync(small, opboxJsonl(50, 7));
  const casePath = path.join(dir, 'c.auditdesk');

  const importer = spawn(process.execPath, [BIN, 'import', casePath, big, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  importer.stdout.on('data', (d) => (out += d));
  importer.stderr.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => importer.on('exit', (code) => resolve(code)));

  // The import is under way once its first raw records reach the segment (flushed every 8 MB).
  const seg = path.join(casePath, SEGMENT_FILE);
  while (importer.exitCode === null && !(fs.existsSync(seg) && fs.statSync(seg).size > 0)) await new Promise((r) => setTimeout(r, 20));
  assert.equal(importer.exitCode, null, `the import ended before it could be read alongside: ${err}`);

  const info = cli(['info', casePath, '--json']);
  assert.equal(info.code, 0, info.stderr);
  const query = cli(['query', casePath, '--limit', '5', '--json']);
  assert.equal(query.code, 0, query.stderr);
  const refused = cli(['import', casePath, small]);
  assert.notEqual(refused.code, 0);
  assert.match(refused.stderr, /being changed by another AuditDesk process.*nothing was changed here/);
  assert.equal(importer.exitCode, null, 'all three ran while the import was still going');

  assert.equal(await exited, 0, err);
  const report = JSON.parse(out) as { files: { imported: number }[] };
  assert.equal(report.files[0].imported, 250_000);

  const store = await CaseStore.open(casePath);
  try {
    let n = 0;
    for (const { event } of store.eachEvent({}, { diff: false })) {
      assert.equal((JSON.parse(event.raw) as { id: string }).id.startsWith('cm_audit_'), true, `event ${event.id}`);
      n++;
    }
    assert.equal(n, 250_000);
  } finally {
    store.close();
  }
  const q = cli(['query', casePath, '--limit', '3', '--offset', '200000', '--json']);
  assert.equal(q.code, 0, q.stderr);
});
