// Cancelling an import (the UI's Cancel) leaves the case as last saved and lets go of writer.lock at
// once: the CLI can import into the case while the app still has it open.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { freshEngine } from '../helpers/engine';
import { cli } from '../helpers/cli';
import { CORPUS_DIR } from '../helpers/paths';

test('a cancelled import releases writer.lock and changes nothing; another process may import right after', async (t) => {
  const { engine, dir, casePath, events } = await freshEngine();
  t.after(() => engine.close());
  const okta = path.join(CORPUS_DIR, 'okta/elastic_okta_system_events.log');
  await engine.importFiles({ paths: [okta] });
  const before = (await engine.caseInfo())?.events;

  const big = path.join(dir, 'big.jsonl');
  const lines: string[] = [];
  for (let i = 0; i < 200_000; i++)
    lines.push(JSON.stringify({ id: `e${i}`, action: 'login', actor: `u${i % 50}`, time: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString() }));
  fs.writeFileSync(big, `${lines.join('\n')}\n`);
  const seen = events.length;
  const running = engine.importFiles({ paths: [big] });
  // Cancel once the import is under way (its first progress event names the job).
  const jobId = await new Promise<string>((resolve) => {
    const poll = setInterval(() => {
      const p = events.slice(seen).find((e) => e.type === 'progress' && e.progress.kind === 'import' && !e.progress.done && e.progress.events > 0);
      if (p && p.type === 'progress') {
        clearInterval(poll);
        resolve(p.progress.jobId);
      }
    }, 20);
  });
  assert.deepEqual(await engine.cancelJob({ jobId }), { cancelled: true });
  const report = await running;
  assert.equal(report.cancelled, true);
  assert.equal(fs.existsSync(path.join(casePath, 'writer.lock')), false, 'the lock is let go as soon as the import ends');
  assert.equal((await engine.caseInfo())?.events, before, 'nothing of the cancelled file is stored');

  const other = cli(['import', casePath, path.join(CORPUS_DIR, 'gitlab/elastic_gitlab_audit.log'), '--json']);
  assert.equal(other.code, 0, other.stderr);
});
