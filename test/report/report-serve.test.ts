// buildReport through `auditdesk serve`: the browser cannot write a report (or its evidence) outside the
// exports folders, and a report written to the case's exports folder is served back byte for byte.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CORPUS_DIR, tempDir } from '../helpers/paths';
import { cli, serve } from '../helpers/cli';
import { connect, login, rpc } from '../helpers/serve-client';

test('serve: buildReport refuses an out path outside the exports folder, and offers the report for download', async (t) => {
  const root = tempDir();
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  const outside = path.join(root, 'outside');
  fs.mkdirSync(outside);
  const casePath = path.join(root, 'cases', 'served.auditdesk');
  assert.equal(cli(['import', casePath, path.join(CORPUS_DIR, 'okta/elastic_okta_system_events.log'), '--json']).code, 0);
  assert.equal(cli(['annotate', casePath, '1', '--bookmark']).code, 0);

  const host = await serve(casePath);
  t.after(() => host.stop());
  const cookie = await login(host);
  const ws = await connect(host, { cookie });
  t.after(() => ws.close());
  const call = (p: unknown) => rpc(ws, 'buildReport', p);

  for (const out of [path.join(outside, 'r.html'), path.join(casePath, 'exports', '..', '..', '..', 'outside', 'r.html')]) {
    await assert.rejects(call({ out }), /refused: .* is outside the exports folder/, out);
  }
  assert.deepEqual(fs.readdirSync(outside), []);

  const r = (await call({ title: 'Okta' })) as { file: string; download: string; manifestSha256: string; events: number };
  assert.equal(r.events, 1);
  assert.match(r.download, /^[\w.-]+-report\/report\.html$/);
  const res = await fetch(`${host.base}api/exports/${r.download}`, { headers: { cookie } });
  assert.equal(res.status, 200);
  const body = await res.text();
  assert.equal(body, fs.readFileSync(r.file, 'utf8'));
  assert.ok(body.includes(r.manifestSha256));
});
