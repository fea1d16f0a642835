// First-run setup shared by `npm start` and `npm test`: npm packages, then the build.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status})`);
}

export function ensureNodeModules() {
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= fs.statSync(lock).mtimeMs - 1000) return;
  console.error('auditdesk: installing npm packages (first run)…');
  run('npm', [fs.existsSync(marker) ? 'install' : 'ci', '--no-audit', '--no-fund']);
}

export function ensureBuild() {
  require(path.join(root, 'scripts', 'ensure-build.cjs')).ensureBuild();
}

/** Where Electron keeps its binary; absent when its download could not run (as on air-gapped CI). */
export function electronBinary() {
  try {
    const dir = path.join(root, 'node_modules', 'electron');
    const rel = fs.readFileSync(path.join(dir, 'path.txt'), 'utf8').trim();
    const bin = path.join(dir, 'dist', rel);
    return fs.existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}
