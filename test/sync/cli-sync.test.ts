// `auditdesk sync` as a user runs it: killed with SIGKILL mid-way and run again, every event ends in
// the case exactly once; the token comes from the environment and appears in no output or file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BIN } from '../helpers/cli';
import { tempDir } from '../helpers/paths';
import { Engine } from '../../src/main/engine/engine';
import { startFakeVendor } from './servers/fake-vendor';
import { opbox, invent } from './servers/vendors';
import { TOKEN, allRows, idCounts } from './sync-helpers';

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

function assertNoToken(casePath: string, ...texts: string[]): void {
  for (const t of texts) assert.equal(t.includes(TOKEN), false, 'token printed');
  for (const f of fs.readdirSync(casePath, { recursive: true }) as string[]) {
    const p = path.join(casePath, f);
    if (fs.statSync(p).isFile()) assert.equal(fs.readFileSync(p).includes(TOKEN), false, `${f} holds the token`);
  }
}

test('sync killed with SIGKILL mid-way resumes on the next run and ends with every event exactly once', async (t) => {
  const server = await startFakeVendor(opbox, { token: TOKEN, prefix: '/eu' });
  t.after(() => server.close());
  server.add(5000);
  server.delayMs = 15;
  const casePath = path.join(tempDir(), 'kill.auditdesk');
  const args = ['sync', casePath, '--vendor', 'opbox', '--base-url', server.url, '--token-env', 'OPBOX_TOKEN', '--json'];
  const first = run(args, { OPBOX_TOKEN: TOKEN });
  server.beforeRequest = (n) => {
    if (n === 23) first.child.kill('SIGKILL');
  };
  const killed = await first.done;
  assert.equal(killed.signal, 'SIGKILL');
  server.beforeRequest = null;
  server.delayMs = 0;
  const requestsBefore = server.requests.length;

  const second = await run(args, { OPBOX_TOKEN: TOKEN }).done;
  assert.equal(second.code, 0, second.stderr);
  const report = JSON.parse(second.stdout);
  assert.equal(report.mode, 'resume');
  assert.equal(report.finished, true);
  assert.equal(report.expectedTotal, 5000);
  assert.deepEqual(report.gaps, []);
  // It went on from the last saved page rather than from the start.
  const resumedAt = Number(new URL(server.requests[requestsBefore].url, 'http://x').searchParams.get('offset'));
  assert.ok(resumedAt >= 1500, `resumed at offset ${resumedAt}`);

  const engine = new Engine();
  t.after(() => engine.close());
  await engine.openCase({ path: casePath });
  const ids = idCounts(await allRows(engine));
  assert.equal(ids.n, 5000);
  assert.deepEqual(ids.repeated, []);
  assertNoToken(casePath, killed.stdout, killed.stderr, second.stdout, second.stderr);
});

test('sync CLI: Invent with --org, --filter and --since; a refused token exits 1 with the source named and no token', async (t) => {
  const server = await startFakeVendor(invent('org_9'), { token: TOKEN });
  t.after(() => server.close());
  server.add(600);
  const casePath = path.join(tempDir(), 'inv.auditdesk');
  const since = new Date(server.events[300].t).toISOString().slice(0, 10);
  const ok = await run(
    [
      'sync',
      casePath,
      '--vendor',
      'invent',
      '--base-url',
      server.url,
      '--org',
      'org_9',
      '--filter',
      'action=member.invited',
      '--since',
      since,
      '--token-env',
      'INV',
      '--json',
    ],
    { INV: TOKEN },
  ).done;
  assert.equal(ok.code, 0, ok.stderr);
  const report = JSON.parse(ok.stdout);
  const expected = server.events.filter((e) => e.rec.action === 'member.invited' && new Date(e.t).toISOString().slice(0, 10) >= since);
  assert.equal(report.new, expected.length);
  assert.ok(server.requests.every((r) => r.url.includes('action=member.invited') && r.url.includes(`from=${since}`)));

  const bad = await run(['sync', casePath, '--vendor', 'invent', '--base-url', server.url, '--org', 'org_9', '--token-env', 'INV', '--json'], {
    INV: 'wrong-token',
  }).done;
  assert.equal(bad.code, 1);
  assert.match(JSON.parse(bad.stdout).error, /^invent 127\.0\.0\.1:\d+ page 1: the server refused the token \(HTTP 401/);
  assert.ok(!bad.stdout.includes('wrong-token') && !bad.stderr.includes('wrong-token'));

  const missing = await run(['sync', casePath, '--vendor', 'invent', '--base-url', server.url, '--org', 'org_9', '--token-env', 'NOPE_UNSET']).done;
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /environment variable NOPE_UNSET is not set/);
  assertNoToken(casePath, ok.stdout, ok.stderr);
});
