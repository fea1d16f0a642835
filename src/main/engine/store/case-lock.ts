// One writer per case across processes. Two AuditDesk processes on one case (the app or `serve`, and
// the CLI) each hold the whole database in memory and save it whole, so the second to save would drop
// what the first wrote. A process takes the case's lock file before it changes anything and gives it
// back once the change is saved (CaseStore.save); a lock whose process is gone (a crash) is taken over.
// Only the holder may cut, truncate or rewrite the case's files; readers take the last saved state.
// Reading never needs it. CaseStore also refuses to write over a save made by another process.
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';

export const LOCK_FILE = 'writer.lock';

interface Holder {
  pid: number;
  command: string;
  since: string;
  /** Tells this process's lock from any other, even one left by an earlier process with the same pid. */
  token?: string;
}

/** Another live process is changing the case. */
export class CaseBusy extends Error {}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

function parseHolder(text: string | null): Holder | null {
  try {
    const h = JSON.parse(text ?? '') as Holder;
    return Number.isInteger(h.pid) ? h : null;
  } catch {
    return null;
  }
}

export class CaseLock {
  private held = false;
  private readonly file: string;
  private readonly token = randomUUID();

  constructor(private readonly dir: string) {
    this.file = path.join(dir, LOCK_FILE);
  }

  /**
   * The lock file appears whole or not at all: written beside it, then hard-linked to its name, which
   * fails when the name exists. Two processes never both succeed, and nobody ever reads it half-written.
   */
  private tryCreate(): boolean {
    const me: Holder = {
      pid: process.pid,
      command: process.argv
        .slice(1)
        .map((a) => path.basename(a))
        .join(' ')
        .slice(0, 200),
      since: new Date().toISOString(),
      token: this.token,
    };
    const tmp = `${this.file}.new-${process.pid}-${this.token}`;
    fs.writeFileSync(tmp, JSON.stringify(me), { mode: 0o600 });
    try {
      fs.linkSync(tmp, this.file);
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      return false;
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }

  /**
   * Moves a lock whose process is gone out of the way. It is renamed aside first and checked to be the
   * very lock judged stale: a lock another process created meanwhile is put back, never deleted.
   */
  private breakStale(seen: string): void {
    const aside = `${this.file}.stale-${process.pid}-${randomUUID()}`;
    try {
      fs.renameSync(this.file, aside);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw e;
    }
    try {
      if (readText(aside) !== seen) fs.linkSync(aside, this.file);
    } catch (e) {
      // EEXIST: a third process took the free name; its lock stands and the one moved aside lost out.
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      fs.rmSync(aside, { force: true });
    }
  }

  /** Takes the lock (no-op when held); CaseBusy when another live process holds it. */
  claim(): void {
    if (this.held && this.owns()) return;
    this.held = false;
    for (let attempt = 0; attempt < 5; attempt++) {
      // Ownership is checked again after creating: a takeover by another process must not go unseen.
      if (this.tryCreate() && this.owns()) {
        this.held = true;
        return;
      }
      const seen = readText(this.file);
      if (seen === null) continue;
      const h = parseHolder(seen);
      // The same process (a second store on the case in one program) shares the lock: its saves are
      // still checked against the file on disk (CaseStore.claimWrites).
      if (h?.pid === process.pid) return;
      if (h && alive(h.pid)) {
        throw new CaseBusy(
          `${this.dir} is being changed by another AuditDesk process (pid ${h.pid}: ${h.command || 'unknown'}, since ${h.since}). ` +
            'Close the case there (or stop that process), then try again; nothing was changed here.',
        );
      }
      // Left by a process that is gone, or unreadable: take it over.
      this.breakStale(seen);
    }
    throw new CaseBusy(`${this.dir}: could not take ${LOCK_FILE}; another process keeps creating it (nothing was changed here)`);
  }

  /** Whether this lock took the case's lock file (and has not given it back). */
  get isHeld(): boolean {
    return this.held;
  }

  /** Whether the lock file on disk is this process's own. */
  owns(): boolean {
    return parseHolder(readText(this.file))?.token === this.token;
  }

  release(): void {
    if (!this.held) return;
    this.held = false;
    if (this.owns()) fs.rmSync(this.file, { force: true });
  }
}
