// The built app carries its bundled Sigma rules: a copy of out/ with no src/ beside it (as an installed
// package ships) runs `detect` with every bundled rule, in the engine thread and in its detection worker,
// and they match what the sources' rules match.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { CORPUS_DIR, REPO_ROOT, tempDir } from '../helpers/paths';

const CLOUDTRAIL = path.join(CORPUS_DIR, 'aws_cloudtrail/ec2_proxy_s3_exfiltration_2020-09-14011940.json');
const RULES_SRC = path.join(REPO_ROOT, 'src/main/engine/detect/rules');

function run(bin: string, args: string[], env: NodeJS.ProcessEnv = {}): { rules: { id: string; hits: number; skipped: string | null }[]; events: number } {
  const r = spawnSync(process.execPath, [bin, ...args, '--json'], { encoding: 'utf8', maxBuffer: 64 << 20, env: { ...process.env, ...env } });
  assert.equal(r.status, 0, `${args[0]}: ${r.stderr}${r.stdout}`);
  return JSON.parse(r.stdout) as ReturnType<typeof run>;
}

test('detect runs the bundled rules from a copy of the build with no sources beside it', (t) => {
  const dir = tempDir();
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const app = path.join(dir, 'app');
  fs.cpSync(path.join(REPO_ROOT, 'out'), path.join(app, 'out'), { recursive: true });
  fs.cpSync(path.join(REPO_ROOT, 'bin'), path.join(app, 'bin'), { recursive: true });
  fs.mkdirSync(path.join(app, 'scripts'));
  fs.copyFileSync(path.join(REPO_ROOT, 'scripts/ensure-build.cjs'), path.join(app, 'scripts/ensure-build.cjs'));
  fs.copyFileSync(path.join(REPO_ROOT, 'package.json'), path.join(app, 'package.json'));
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(app, 'node_modules'), 'dir');
  assert.ok(!fs.existsSync(path.join(app, 'src')));

  const casePath = path.join(dir, 'c.auditdesk');
  const bin = path.join(app, 'bin', 'auditdesk.js');
  run(bin, ['import', casePath, CLOUDTRAIL]);
  const built = run(bin, ['detect', casePath]);
  // The built detection worker, asked for on a case this small, finds the rules and matches alike.
  const withWorker = run(bin, ['detect', casePath], { AD_DETECT_WORKER: '1' });
  const fromSources = run(path.join(REPO_ROOT, 'bin', 'auditdesk.js'), ['detect', casePath]);

  const ymls = fs.readdirSync(RULES_SRC, { recursive: true }).filter((f) => /\.ya?ml$/.test(String(f)));
  assert.equal(built.rules.length, ymls.length, 'every bundled rule file is in the build');
  assert.deepEqual(built, fromSources);
  assert.deepEqual(withWorker, fromSources);
  assert.ok(built.rules.some((r) => r.hits > 0 && !r.skipped));
  assert.ok(fs.existsSync(path.join(app, 'out/main/rules/LICENSE.md')), 'the rules keep their licence');
});
