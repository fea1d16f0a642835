// One writer per case across processes. Two AuditDesk processes on one case (the app or `serve`, and
// the CLI) each hold the whole database in memory and save it whole, so the second to save would drop
// what the first wrote. A process takes the case's lock file before it changes anything and gives it
// back once the change is saved (CaseStore.save); a lock whose process is gone (a crash) is taken over.
// Reading never needs it. CaseStore also refuses to write over a save made by another process.
import fs from 'node:fs';
import path from 'node:path';

export const LOCK_FILE = 'writer.lock';

interface Holder {
  pid: number;
  command: string;
  since: string;
}

/** Another live process is changing the case. */
export class CaseBusy extends Error {}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): Holder | null {
  try {
    const h = JSON.parse(fs.readFileSync(file, 'utf8')) as Holder;
    return Number.isInteger(h.pid) ? h : null;
  } catch {
    return null;
  }
}

export class CaseLock {
  private held = false;
  private readonly file: string;

  constructor(private readonly dir: string) {
    this.file = path.join(dir, LOCK_FILE);
  }

  /** Takes the lock (no-op when held); CaseBusy when another live process holds it. */
  claim(): void {
    if (this.held) return;
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = fs.openSync(this.file, 'wx', 0o600);
        const me: Holder = { pid: process.pid, command: process.argv.slice(1).map((a) => path.basename(a)).join(' ').slice(0, 200), since: new Date().toISOString() };
        fs.writeSync(fd, JSON.stringify(me));
        fs.closeSync(fd);
        this.held = true;
        return;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const h = readHolder(this.file);
      // The same process (a second store on the case in one program) shares the lock: its saves are
      // still checked against the file on disk (CaseStore.claimWrites).
      if (h?.pid === process.pid) return;
      if (h && alive(h.pid)) {
        throw new CaseBusy(
          `${this.dir} is being changed by another AuditDesk process (pid ${h.pid}: ${h.command || 'unknown'}, since ${h.since}). ` +
            'Close the case there (or stop that process), then try again; nothing was changed here.',
        );
      }
      // Left by a process that is gone, or half-written: take it over.
      fs.rmSync(this.file, { force: true });
    }
    throw new CaseBusy(`${this.dir}: could not take ${LOCK_FILE}; another process keeps creating it`);
  }

  release(): void {
    if (!this.held) return;
    this.held = false;
    if (readHolder(this.file)?.pid === process.pid) fs.rmSync(this.file, { force: true });
  }
}
