// Builds out/ with electron-vite when it is missing or older than the sources, so `npx auditdesk`,
// `npm start` and `npm test` work straight after `npm install` on a fresh clone.
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const stamp = path.join(root, 'out', '.build-stamp');

function newestMtime(p) {
  let newest = 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  for (const name of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, name)));
  return newest;
}

function needsBuild() {
  if (!fs.existsSync(stamp)) return true;
  const built = fs.statSync(stamp).mtimeMs;
  const inputs = ['src', 'electron.vite.config.ts', 'package.json'].map((p) => path.join(root, p)).filter(fs.existsSync);
  return inputs.some((p) => newestMtime(p) > built);
}

function ensureBuild({ quiet = true } = {}) {
  if (!fs.existsSync(path.join(root, 'src'))) return; // an installed package ships out/ only
  if (!needsBuild()) return;
  process.stderr.write('auditdesk: building the app (first run or sources changed)…\n');
  const bin = path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const r = spawnSync(process.execPath, [bin, 'build'], { cwd: root, stdio: quiet ? 'pipe' : ['ignore', 2, 2], encoding: 'utf8' });
  if (r.status !== 0) {
    if (quiet) process.stderr.write(`${r.stdout ?? ''}${r.stderr ?? ''}`);
    throw new Error('auditdesk: build failed (electron-vite build)');
  }
  fs.writeFileSync(stamp, new Date().toISOString());
}

module.exports = { ensureBuild, root };
if (require.main === module) ensureBuild();
