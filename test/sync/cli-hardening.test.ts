// `auditdesk sync` against hostile or insecure servers, as a user runs it: --max-pages and
// --max-page-bytes stop the run with the cap named in the report (exit 1), plain http:// to another
// host is refused unless --allow-http, which then warns on stderr. The token is printed nowhere.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { BIN } from '../helpers/cli';
import { tempDir } from '../helpers/paths';
import { startHostile } from './servers/hostile';
import { startFakeVendor } from './servers/fake-vendor';
import { opbox } from './servers/vendors';
import { TOKEN } from './sync-helpers';

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, SYNC_TOKEN: TOKEN }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

const sync = (casePath: string, baseUrl: string, ...more: string[]) => [
  'sync',
  casePath,
  '--vendor',
  'opbox',
  '--base-url',
  baseUrl,
  '--token-env',
  'SYNC_TOKEN',
  '--json',
  ...more,
];

test('sync CLI: --max-pages and --max-page-bytes stop a hostile server, the report names page and limit', async (t) => {
  const pager = await startHostile({ mode: 'endless-pages', maxRequests: 100 });
  const stream = await startHostile({ mode: 'endless-body', normalPages: 1, streamCap: 32 * 1024 * 1024 });
  t.after(() => Promise.all([pager.close(), stream.close()]));
  const dir = tempDir();

  const paged = await run(sync(path.join(dir, 'a.auditdesk'), pager.url, '--max-pages', '4'));
  assert.equal(paged.code, 1, paged.stderr);
  const r1 = JSON.parse(paged.stdout);
  assert.deepEqual(r1.limitReached, { kind: 'pages', limit: 4, page: 5 });
  assert.equal(r1.new, 8);
  assert.equal(pager.requests.length, 4);

  const big = await run(sync(path.join(dir, 'b.auditdesk'), stream.url, '--max-page-bytes', '200000'));
  assert.equal(big.code, 1, big.stderr);
  const r2 = JSON.parse(big.stdout);
  assert.deepEqual(r2.limitReached, { kind: 'page-bytes', limit: 200000, page: 2 });
  assert.match(r2.error, /page 2: .*larger than the page size limit of 200000 bytes/);
  assert.equal(r2.new, 100);

  const bad = await run(sync(path.join(dir, 'c.auditdesk'), pager.url, '--max-pages', 'lots'));
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--max-pages takes a whole number, got "lots"/);
  for (const out of [paged, big, bad]) assert.ok(!out.stdout.includes(TOKEN) && !out.stderr.includes(TOKEN));
});

test('sync CLI: plain http:// to another host is refused without --allow-http, and warned about with it', async (t) => {
  const server = await startFakeVendor(opbox, { token: TOKEN });
  t.after(() => server.close());
  server.add(20);
  const remote = server.url.replace('127.0.0.1', '0.0.0.0');
  const casePath = path.join(tempDir(), 'h.auditdesk');

  const refused = await run(sync(casePath, remote));
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /0\.0\.0\.0:\d+ is plain http:\/\/ to another machine.*--allow-http/);
  assert.equal(server.requests.length, 0);

  const allowed = await run(sync(casePath, remote, '--allow-http'));
  assert.equal(allowed.code, 0, allowed.stderr);
  assert.match(allowed.stderr, /^auditdesk: warning: http:\/\/0\.0\.0\.0:\d+ is plain http:\/\/ to another machine/m);
  const report = JSON.parse(allowed.stdout);
  assert.equal(report.new, 20);
  assert.match(report.warnings[0], /plain http:\/\/.*\(allowed for this source\)/);
  for (const out of [refused, allowed]) assert.ok(!out.stdout.includes(TOKEN) && !out.stderr.includes(TOKEN));
});
