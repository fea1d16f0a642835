// `npm test`: installs what the tests need on first run (npm packages, Debian Chromium), builds,
// then runs every test file with node's test runner.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ensureBuild, ensureNodeModules, root, run } from './ensure-deps.mjs';

function ensureChromium() {
  if (fs.existsSync('/usr/bin/chromium')) return;
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !fs.existsSync('/usr/bin/apt-get')) {
    throw new Error('the UI tests need Debian Chromium at /usr/bin/chromium: run `sudo apt-get install -y chromium xvfb`');
  }
  console.error('auditdesk: installing Debian Chromium for the UI tests (first run)…');
  run('apt-get', ['update', '-q']);
  run('apt-get', ['install', '-y', '-q', 'chromium', 'xvfb'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

function testFiles(dir) {
  const out = [];
  for (const name of fs.readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (fs.statSync(p).isDirectory()) out.push(...testFiles(p));
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

ensureNodeModules();
ensureChromium();
ensureBuild();
const only = process.argv.slice(2);
const files = only.length ? only : testFiles(path.join(root, 'test'));
// A hung test fails after 5 minutes instead of holding CI until its own limit.
// Every serve the tests start remembers its cases in a config folder of the run's own, never the user's.
const config = fs.mkdtempSync(path.join(os.tmpdir(), 'auditdesk-test-config-'));
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-timeout=300000', ...files], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, XDG_CONFIG_HOME: config },
});
fs.rmSync(config, { recursive: true, force: true });
process.exit(r.status ?? 1);
