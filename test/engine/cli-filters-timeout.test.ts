// CLI filter arguments are parsed into objects without a prototype, and fields are checked by list:
// "__proto__" once reached the SQL as "[object Object]" (or vanished as a sync filter). `sql` stops a
// runaway statement after --timeout seconds instead of running for ever.
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { BIN, cli } from '../helpers/cli';
import { CORPUS_DIR, tempDir } from '../helpers/paths';
import { Engine } from '../../src/main/engine/engine';
import type { Condition } from '../../src/shared/query';
import { startFakeVendor } from '../sync/servers/fake-vendor';
import { invent } from '../sync/servers/vendors';
import { TOKEN } from '../sync/sync-helpers';

const okta = path.join(CORPUS_DIR, 'okta/elastic_okta_system_events.log');

function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

test('query --where with __proto__, constructor or toString is an unknown field (exit 2), before any SQL', () => {
  for (const field of ['__proto__', 'constructor', 'toString']) {
    const r = cli(['query', path.join(tempDir(), 'x.auditdesk'), '--where', `${field}=x`]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, new RegExp(`unknown field "${field}"; one of: id, eventId`));
  }
});

test('engine: a condition on __proto__ or constructor (as an HTTP client could send) is refused by name, not turned into SQL', async (t) => {
  const engine = new Engine();
  t.after(() => engine.close());
  await engine.openCase({ path: path.join(tempDir(), 'c.auditdesk'), create: true });
  await engine.importFiles({ paths: [okta] });
  for (const field of ['__proto__', 'constructor', 'hasOwnProperty']) {
    const where = [{ field, op: 'eq', value: 'x' } as unknown as Condition];
    await assert.rejects(
      engine.queryEvents({ where }),
      (e: Error) => e.message.startsWith(`unknown field "${field}"`) && !/object Object|syntax|column/.test(e.message),
    );
  }
});

test('sync --filter __proto__=x is sent as the filter it names, not dropped; a filter given twice is refused', async (t) => {
  const server = await startFakeVendor(invent('org_9'), { token: TOKEN });
  t.after(() => server.close());
  server.add(20);
  const casePath = path.join(tempDir(), 'inv.auditdesk');
  const r = await run(
    ['sync', casePath, '--vendor', 'invent', '--base-url', server.url, '--org', 'org_9', '--filter', '__proto__=x', '--token-env', 'INV', '--json'],
    { INV: TOKEN },
  );
  assert.equal(r.code, 0, r.stderr);
  assert.ok(server.requests.length > 0);
  for (const req of server.requests) assert.equal(new URL(req.url, 'http://x').searchParams.get('__proto__'), 'x', req.url);

  const twice = cli(['sync', casePath, '--vendor', 'invent', '--base-url', server.url, '--filter', 'action=a', '--filter', 'action=b']);
  assert.equal(twice.code, 2);
  assert.match(twice.stderr, /--filter action is given twice/);
});

test('sql --timeout stops a runaway statement with a clear message; a bad --timeout is a usage error', async () => {
  const casePath = path.join(tempDir(), 'c.auditdesk');
  assert.equal(cli(['import', casePath, okta]).code, 0);
  const forever = 'WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n';
  const r = await run(['sql', casePath, forever, '--timeout', '1', '--json']);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /the statement ran longer than 1 s and was stopped \(--timeout 1\)/);
  assert.match((JSON.parse(r.stdout) as { error: string }).error, /ran longer than 1 s/);

  const ok = cli(['sql', casePath, 'SELECT count(*) AS n FROM events', '--timeout', '30', '--json']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.deepEqual((JSON.parse(ok.stdout) as { rows: unknown[][] }).rows, [[20]]);

  const bad = cli(['sql', casePath, 'SELECT 1', '--timeout', 'soon']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--timeout takes a number of seconds above 0, got "soon"/);
});
