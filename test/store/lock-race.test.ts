// Two processes taking over a writer lock left by a dead process at the same moment: exactly one may
// win, every time (the loser must see the winner, not a lock it removed itself).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { tempDir } from '../helpers/paths';
import { LOCK_FILE } from '../../src/main/engine/store/case-lock';

const ROUNDS = 300;

function claimer(): { child: ChildProcessWithoutNullStreams; next: () => Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'lock-claimer.ts')]);
  let buf = '';
  const waiting: ((line: string) => void)[] = [];
  const lines: string[] = [];
  child.stdout.on('data', (d) => {
    buf += d;
    for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      const w = waiting.shift();
      if (w) w(line);
      else lines.push(line);
    }
  });
  const next = () => new Promise<string>((resolve) => (lines.length ? resolve(lines.shift()!) : waiting.push(resolve)));
  return { child, next };
}

test(`two processes taking over a dead process's lock together: exactly one wins, ${ROUNDS} rounds out of ${ROUNDS}`, async (t) => {
  const dir = tempDir();
  const a = claimer();
  const b = claimer();
  t.after(() => {
    a.child.kill();
    b.child.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  assert.equal(await a.next(), 'ready');
  assert.equal(await b.next(), 'ready');
  const dead = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
  const bothWon: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: dead, command: 'crashed', since: new Date().toISOString() }));
    a.child.stdin.write(`go ${dir}\n`);
    b.child.stdin.write(`go ${dir}\n`);
    const got = [await a.next(), await b.next()].sort();
    if (got[0] === 'won' && got[1] === 'won') bothWon.push(round);
    else assert.deepEqual(got, ['busy', 'won'], `round ${round}`);
    a.child.stdin.write('end\n');
    b.child.stdin.write('end\n');
    assert.equal(await a.next(), 'ended');
    assert.equal(await b.next(), 'ended');
    fs.rmSync(path.join(dir, LOCK_FILE), { force: true });
  }
  assert.deepEqual(bothWon, [], `both processes held the lock in ${bothWon.length} of ${ROUNDS} rounds`);
  assert.deepEqual(fs.readdirSync(dir), [], 'no temp or moved-aside lock files are left');
});
