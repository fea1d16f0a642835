import { spawnSync } from 'node:child_process';
import type { TestContext } from 'node:test';
import { tempDir } from './paths';

/**
 * A fresh tmpfs of `size` (e.g. '4m') mounted on a temp folder, unmounted after the test; null (and the
 * test skipped, saying why) where mounting is not permitted (not root, or a container without it).
 */
export function mountTmpfs(t: TestContext, size: string): string | null {
  const dir = tempDir('auditdesk-tmpfs-');
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0755`, 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status !== 0) {
    const why = `SKIPPED: this test needs to mount a tmpfs (as root) and could not: ${(r.stderr || r.error?.message || '').trim()}`;
    process.stderr.write(`${why}\n`);
    t.skip(why);
    return null;
  }
  t.after(() => {
    spawnSync('umount', ['-l', dir]);
  });
  return dir;
}

/** Makes a mounted tmpfs read-only, like an evidence drive mounted read-only. */
export function remountReadOnly(dir: string): void {
  const r = spawnSync('mount', ['-o', 'remount,ro', dir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`remount ro of ${dir} failed: ${r.stderr}`);
}
