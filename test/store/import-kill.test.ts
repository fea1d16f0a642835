// `auditdesk import` killed with SIGKILL while it reads and stores rows, and while it saves the case:
// the case opens with every event and annotation it had before, none of the killed import's events; the
// same import run again adds each of its events exactly once and leaves no temporary file behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { BIN, cli } from '../helpers/cli';
import { writeFile } from '../helpers/engine';
import { opboxJsonl } from '../helpers/generate';
import { CORPUS_DIR, tempDir } from '../helpers/paths';
import { DB_FILE, SEGMENT_FILE } from '../../src/main/engine/store/case-files';

const OKTA = path.join(CORPUS_DIR, 'okta/elastic_okta_system_events.log');
const BIG = 80_000;

interface Look {
  events: number;
  bookmarked: string[];
  tagged: string[];
  noted: string[];
}

function look(casePath: string): Look {
  const json = (args: string[]) => {
    const r = cli([...args, '--json']);
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as Record<string, unknown>;
  };
  const ids = (args: string[]) => (json(['query', casePath, ...args, '--limit', '50']).events as { id: string }[]).map((e) => e.id);
  return {
    events: json(['info', casePath]).events as number,
    bookmarked: ids(['--bookmarked']),
    tagged: ids(['--tag', 'keep']),
    noted: ids(['--noted']),
  };
}

/** Runs the import and kills it with SIGKILL the moment `when` sees the case folder in the state wanted. */
async function killedImport(casePath: string, file: string, when: (names: string[], segBytes: number) => boolean): Promise<boolean> {
  const child = spawn(process.execPath, [BIN, 'import', casePath, file, '--json'], { stdio: 'ignore' });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  let done = false;
  void exited.then(() => (done = true));
  while (!done) {
    const names = fs.readdirSync(casePath);
    const segBytes = fs.statSync(path.join(casePath, SEGMENT_FILE)).size;
    if (when(names, segBytes)) {
      child.kill('SIGKILL');
      break;
    }
    await new Promise((r) => setImmediate(r));
  }
  return (await exited) === 'SIGKILL';
}

test('an import killed with SIGKILL while storing rows or while saving leaves the case as it was; run again, it adds each event once', async (t) => {
  const dir = tempDir();
  const casePath = path.join(dir, 'case.auditdesk');
  assert.equal(cli(['import', casePath, OKTA, '--json']).code, 0);
  const first = (JSON.parse(cli(['query', casePath, '--limit', '1', '--json']).stdout) as { events: { id: string }[] }).events[0].id;
  for (const args of [['--bookmark'], ['--tag', 'keep'], ['--note', 'seen before the import']]) {
    const r = cli(['annotate', casePath, first, ...args, '--json']);
    assert.equal(r.code, 0, r.stderr);
  }
  const before = look(casePath);
  assert.deepEqual({ ...before, events: before.events > 0 }, { events: true, bookmarked: [first], tagged: [first], noted: [first] });
  const big = writeFile(dir, 'opbox.jsonl', opboxJsonl(BIG, 7));
  const segAtStart = fs.statSync(path.join(casePath, SEGMENT_FILE)).size;

  await t.test('killed while it stores rows (raw.seg has grown, nothing saved yet)', async () => {
    assert.ok(await killedImport(casePath, big, (_names, seg) => seg > segAtStart + (1 << 20)), 'the import was killed, not finished');
    assert.deepEqual(look(casePath), before);
  });

  await t.test('killed while it writes case.sqlite', async () => {
    const saving = (names: string[]) => names.some((n) => n.startsWith(`${DB_FILE}.tmp-`));
    assert.ok(await killedImport(casePath, big, saving), 'the import was killed, not finished');
    assert.ok(saving(fs.readdirSync(casePath)), 'killed mid-save: its temporary file is there');
    assert.deepEqual(look(casePath), before);
  });

  await t.test('the same import run again adds every event once and cleans up', () => {
    const r = cli(['import', casePath, big, '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(look(casePath), { ...before, events: before.events + BIG });
    assert.deepEqual(
      fs.readdirSync(casePath).filter((n) => n.includes('.tmp')),
      [],
    );
    const again = cli(['import', casePath, big, '--json']);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(look(casePath).events, before.events + BIG, 'a second run finds every event already stored');
  });
});
