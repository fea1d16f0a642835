// Child process of lock-race.test.ts: on each "go DIR" line it tries to take DIR's writer lock and
// answers "won" or "busy"; on "end" it gives the lock back and answers "ended".
import readline from 'node:readline';
import { CaseBusy, CaseLock } from '../../src/main/engine/store/case-lock';

let lock: CaseLock | null = null;
const rl = readline.createInterface({ input: process.stdin });
rl.on('line', (line) => {
  const [cmd, dir] = line.split(' ');
  if (cmd === 'go') {
    lock = new CaseLock(dir);
    try {
      lock.claim();
      process.stdout.write('won\n');
    } catch (e) {
      process.stdout.write(e instanceof CaseBusy ? 'busy\n' : `error ${(e as Error).message}\n`);
    }
  } else if (cmd === 'end') {
    lock?.release();
    lock = null;
    process.stdout.write('ended\n');
  }
});
process.stdout.write('ready\n');
