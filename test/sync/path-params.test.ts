// The {name}s of a vendor's list path are settings: filled from settings.params (orgId also from the
// field sources saved before params existed), each required, and no other accepted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeVendor } from './servers/fake-vendor';
import { invent, opbox } from './servers/vendors';
import { TOKEN, syncEngine } from './sync-helpers';

test('path settings: params fill the path, a saved orgId still does, unknown or missing ones are refused', async (t) => {
  const server = await startFakeVendor(invent('org%2F5'), { token: TOKEN });
  t.after(() => server.close());
  server.add(30);
  const { engine } = await syncEngine();
  t.after(() => engine.close());

  const viaParams = await engine.runSync({ settings: { vendor: 'invent', baseUrl: server.url, name: 'a', params: { orgId: 'org/5' } }, token: TOKEN });
  assert.equal(viaParams.error, null);
  assert.equal(viaParams.new, 30);
  // Encoded: a value cannot add path segments.
  assert.ok(
    server.requests.every((r) => r.url.startsWith('/orgs/org%2F5/audit-logs?')),
    server.requests[0]?.url,
  );

  const legacy = await engine.runSync({ settings: { vendor: 'invent', baseUrl: server.url, name: 'b', orgId: 'org/5' }, token: TOKEN });
  assert.equal(legacy.error, null);
  assert.equal(legacy.duplicates, 30);

  await assert.rejects(
    engine.runSync({ settings: { vendor: 'opbox', baseUrl: server.url, params: { orgId: 'x' } }, token: TOKEN }),
    /opbox: path parameter "orgId" is not in \/api\/audit \(it takes: none\)/,
  );
  await assert.rejects(
    engine.runSync({ settings: { vendor: 'invent', baseUrl: server.url, params: { orgId: ' ' } }, token: TOKEN }),
    /invent needs orgId \(Org id\)/,
  );
  // A path given by the user is filled the same way.
  const custom = await startFakeVendor({ ...opbox, path: '/w/ws-1/api/audit' }, { token: TOKEN });
  t.after(() => custom.close());
  custom.add(5);
  const r = await engine.runSync({
    settings: { vendor: 'opbox', baseUrl: custom.url, path: '/w/{workspace}/api/audit', params: { workspace: 'ws-1' } },
    token: TOKEN,
  });
  assert.equal(r.error, null);
  assert.equal(r.new, 5);
});
