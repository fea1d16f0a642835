// The case folder's files as the operating system sees them: whether they can be written at all, what
// a failed write means for the user, and temp files that crashed saves left behind.
import fs from 'node:fs';
import path from 'node:path';
import { alive, CaseBusy, type CaseLock } from './case-lock';

export const DB_FILE = 'case.sqlite';
export const SEGMENT_FILE = 'raw.seg';
export const INCOMING_DIR = 'incoming';

const NO_WRITE = new Set(['EROFS', 'EACCES', 'EPERM']);

/**
 * Why the case cannot be written (a read-only mount or folder), or null. access(2) answers for this
 * process, so root on a chmod'ed folder may still write, but not on a read-only mount (EROFS).
 */
export function readOnlyReason(dir: string, files: string[]): string | null {
  for (const p of [dir, ...files.map((f) => path.join(dir, f))]) {
    try {
      fs.accessSync(p, fs.constants.W_OK);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? '';
      if (code === 'ENOENT') continue;
      if (NO_WRITE.has(code)) return code === 'EROFS' ? 'on a read-only drive' : `no permission to write ${path.basename(p)}`;
      throw e;
    }
  }
  return null;
}

/** A temp file of a save (atomic-write.ts) or of a lock (case-lock.ts) whose process is gone. */
const TEMP = /^(?:(?:case\.sqlite(?:\.sum)?|columns\.bin)\.tmp-(\d+)|writer\.lock\.new-(\d+)-[\w-]+)$/;

/**
 * Removes temp files left by saves that were killed or ran out of space. Only with the writer lock held
 * (a live writer's temp file is its save in progress), and only those whose process is gone.
 */
export function cleanStaleTemps(dir: string, lock: CaseLock): void {
  const stale = fs.readdirSync(dir).filter((name) => {
    const m = TEMP.exec(name);
    return m !== null && !alive(Number(m[1] ?? m[2]));
  });
  if (!stale.length) return;
  try {
    lock.claim();
  } catch (e) {
    if (e instanceof CaseBusy) return;
    throw e;
  }
  try {
    for (const name of stale) fs.rmSync(path.join(dir, name), { force: true });
  } finally {
    lock.release();
  }
}

/** A failed write as the user should read it: what went wrong, and that the case is as saved last. */
export function saveFailure(e: unknown, dir: string, doing = 'saving'): Error {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return new Error(`disk full while ${doing} ${dir}: nothing was changed`);
  if (code && NO_WRITE.has(code)) return new Error(`${dir} cannot be written (${code}) while ${doing}: nothing was changed`);
  if (e instanceof CaseBusy) return e;
  return new Error(`${doing} ${dir} failed: ${(e as Error).message}; nothing was changed`);
}
