// Adding a vendor is adding its folder: a sixth vendor, declared only by a descriptor in a temporary
// folder, shows in the CLI help with the setting its path needs and syncs end to end through the
// real CLI, with its own auth header and path parameter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BIN } from '../helpers/cli';
import { tempDir } from '../helpers/paths';
import { startFakeVendor } from './servers/fake-vendor';
import { SIXTH_AUTH, sixthVendor, sixthVendorDir } from './servers/sixth-vendor';
import { TOKEN } from './sync-helpers';

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

test('a sixth vendor from its folder alone: CLI help, its path setting, its auth header, a full sync', async (t) => {
  const env = { AUDITDESK_VENDORS_DIR: sixthVendorDir(), ACME_KEY: TOKEN };
  const server = await startFakeVendor(sixthVendor('t-42'), { token: TOKEN, auth: SIXTH_AUTH, prefix: '/api' });
  t.after(() => server.close());
  server.add(120);
  const casePath = path.join(tempDir(), 'acme.auditdesk');

  const help = await run(['--help'], env);
  assert.match(help.stdout, /^ +acmeaudit +Acme Audit; needs --param tenant=VALUE \(Tenant\)$/m);
  assert.match(help.stdout, /^ +invent +Invent; needs --org ID \(Org id\)$/m);

  const base = ['sync', casePath, '--vendor', 'acmeaudit', '--base-url', server.url, '--token-env', 'ACME_KEY', '--json'];
  const missing = await run(base, env);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /sync --vendor acmeaudit needs --param tenant=VALUE \(Tenant\)/);
  const wrong = await run([...base, '--org', 'x'], env);
  assert.equal(wrong.code, 2);
  assert.match(wrong.stderr, /takes no --org \(its path \/v2\/tenants\/\{tenant\}\/audit-events has \{tenant\}\)/);
  assert.equal(server.requests.length, 0, 'nothing asked before the settings are complete');

  const synced = await run([...base, '--param', 'tenant=t-42'], env);
  assert.equal(synced.code, 0, synced.stderr);
  const report = JSON.parse(synced.stdout);
  assert.equal(report.vendor, 'acmeaudit');
  assert.equal(report.finished, true);
  assert.equal(report.new, 120);
  assert.equal(report.pages, 3);
  assert.deepEqual(report.gaps, []);
  for (const r of server.requests) {
    assert.equal(r.status, 200);
    assert.equal(r.url.split('?')[0], '/api/v2/tenants/t-42/audit-events');
    assert.equal(r.headers['x-api-key'], TOKEN);
    assert.equal(r.headers.authorization, undefined, 'no bearer header: the descriptor says X-Api-Key');
  }

  const q = await run(['query', casePath, '--where', 'vendor=acmeaudit', '--limit', '5', '--json'], env);
  assert.equal(q.code, 0, q.stderr);
  const res = JSON.parse(q.stdout) as { total: number; events: { actor: string; action: string; time: string }[] };
  assert.equal(res.total, 120);
  assert.ok(
    res.events.every((e) => e.actor.endsWith('@acme.test') && e.action && e.time),
    'mapped with its descriptor',
  );
});

test('a vendor folder whose descriptor does not fit the schema stops the CLI with the file and the error', async () => {
  const dir = sixthVendorDir();
  const file = path.join(dir, 'acmeaudit', 'descriptor.json');
  const broken = JSON.parse(fs.readFileSync(file, 'utf8'));
  delete broken.auth;
  fs.writeFileSync(file, JSON.stringify(broken));
  const r = await run(['--help'], { AUDITDESK_VENDORS_DIR: dir });
  assert.equal(r.code, 1);
  assert.equal(r.stderr, `auditdesk: ${file}: invalid vendor descriptor: / must have property auth when property paging is present\n`);
});
