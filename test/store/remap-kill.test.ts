// A remap (a source's saved mapping applied again to its events) killed with SIGKILL while it rewrites
// rows and while it saves: the case opens as it was, every event with its old values and every
// annotation; the remap run again completes with every event rewritten once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { cli } from '../helpers/cli';
import { writeFile } from '../helpers/engine';
import { opboxJsonl } from '../helpers/generate';
import { REPO_ROOT, tempDir } from '../helpers/paths';
import { DB_FILE, SEGMENT_FILE } from '../../src/main/engine/store/case-files';

const EVENTS = 40_000;

/** The engine in its own process, applying `actor <- user.name` to the case's only source. */
const REMAP = `
const { Engine } = require(${JSON.stringify(path.join(REPO_ROOT, 'src/main/engine/engine.ts'))});
(async () => {
  const engine = new Engine(() => undefined);
  await engine.openCase({ path: process.argv[1] });
  const { mapping } = await engine.getMapping({ sourceId: 1 });
  await engine.saveMapping({ sourceId: 1, mapping: { ...mapping, fields: { ...mapping.fields, actor: ['user.name'] } }, reapply: true });
  await engine.close();
})();
`;

function remap(casePath: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', REMAP, casePath], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; err: string }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, err })),
  );
  return { child, exited };
}

async function killedRemap(casePath: string, when: (names: string[], segBytes: number) => boolean): Promise<boolean> {
  const { child, exited } = remap(casePath);
  let done = false;
  void exited.then(() => (done = true));
  while (!done) {
    if (when(fs.readdirSync(casePath), fs.statSync(path.join(casePath, SEGMENT_FILE)).size)) {
      child.kill('SIGKILL');
      break;
    }
    await new Promise((r) => setImmediate(r));
  }
  return (await exited).signal === 'SIGKILL';
}

function look(casePath: string) {
  const json = (args: string[]) => {
    const r = cli([...args, '--json']);
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as { total: number; events: { id: string; actor: string | null }[] };
  };
  const ids = (args: string[]) => json(['query', casePath, ...args, '--limit', '50']).events.map((e) => e.id);
  const actors = json(['facets', casePath, '--field', 'actor', '--limit', '100']) as unknown as { facets: { values: { value: string; count: number }[] }[] };
  return {
    events: json(['query', casePath, '--limit', '0']).total,
    actors: actors.facets[0].values.map((v) => `${v.value}=${v.count}`).sort(),
    bookmarked: ids(['--bookmarked']),
    tagged: ids(['--tag', 'keep']),
  };
}

test('a remap killed with SIGKILL while rewriting or saving leaves the case as it was; run again, it completes', async (t) => {
  const dir = tempDir();
  const casePath = path.join(dir, 'case.auditdesk');
  const file = writeFile(dir, 'opbox.jsonl', opboxJsonl(EVENTS, 5));
  assert.equal(cli(['import', casePath, file, '--json']).code, 0);
  for (const args of [
    ['1', '--bookmark'],
    ['2', '--tag', 'keep'],
  ]) {
    const r = cli(['annotate', casePath, ...args, '--json']);
    assert.equal(r.code, 0, r.stderr);
  }
  const before = look(casePath);
  assert.deepEqual([before.events, before.bookmarked, before.tagged], [EVENTS, ['1'], ['2']]);
  assert.ok(
    before.actors.every((a) => a.includes('@')),
    'imported with e-mail addresses as actors',
  );
  const segAtStart = fs.statSync(path.join(casePath, SEGMENT_FILE)).size;

  await t.test('killed while it rewrites entries (raw.seg has grown, nothing saved)', async () => {
    assert.ok(await killedRemap(casePath, (_n, seg) => seg > segAtStart + (256 << 10)), 'the remap was killed, not finished');
    assert.deepEqual(look(casePath), before);
  });

  await t.test('killed while it writes case.sqlite', async () => {
    const saving = (names: string[]) => names.some((n) => n.startsWith(`${DB_FILE}.tmp-`));
    assert.ok(await killedRemap(casePath, saving), 'the remap was killed, not finished');
    assert.deepEqual(look(casePath), before);
  });

  await t.test('run again, the remap completes: every event has its user name as actor, annotations kept', async () => {
    const r = await remap(casePath).exited;
    assert.equal(r.code, 0, r.err);
    const after = look(casePath);
    assert.deepEqual([after.events, after.bookmarked, after.tagged], [EVENTS, ['1'], ['2']]);
    assert.ok(
      after.actors.every((a) => /^User \d+=/.test(a)),
      after.actors.slice(0, 3).join(', '),
    );
    assert.equal(
      after.actors.reduce((n, a) => n + Number(a.split('=')[1]), 0),
      EVENTS,
    );
    assert.deepEqual(
      fs.readdirSync(casePath).filter((n) => n.includes('.tmp')),
      [],
    );
  });
});
