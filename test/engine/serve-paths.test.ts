// Paths the browser sends (cases to open, files to import, export folders) stay inside the folders
// chosen when serve started; symlinks and ".." cannot lead out of them.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CORPUS_DIR, tempDir } from '../helpers/paths';
import { serve } from '../helpers/cli';
import { connect, login, rpc } from '../helpers/serve-client';

test('serve refuses case, import, export and rules paths outside its folders, symlinks and ".." included', async (t) => {
  const root = tempDir();
  const [cases, imports, outside] = ['cases', 'imports', 'outside'].map((d) => path.join(root, d));
  for (const d of [cases, imports, outside]) fs.mkdirSync(d);
  const okta = path.join(CORPUS_DIR, 'okta/elastic_okta_system_events.log');
  const secret = path.join(outside, 'secret.log');
  fs.copyFileSync(path.join(CORPUS_DIR, 'gitlab/elastic_gitlab_audit.log'), secret);
  fs.copyFileSync(okta, path.join(imports, 'okta.log'));
  fs.symlinkSync(secret, path.join(imports, 'link.log'));
  fs.symlinkSync(outside, path.join(imports, 'door'));
  fs.symlinkSync(path.join(outside, 'nowhere'), path.join(cases, 'dangling.auditdesk'));
  const casePath = path.join(cases, 'served.auditdesk');

  const host = await serve(casePath, ['--imports', imports]);
  t.after(() => host.stop());
  const ws = await connect(host, { cookie: await login(host) });
  const call = (m: string, p: unknown) => rpc(ws, m, p);

  for (const p of [
    secret,
    path.join(imports, '..', 'outside', 'secret.log'),
    path.join(imports, 'link.log'),
    path.join(imports, 'door', 'secret.log'),
    '../outside/secret.log',
  ]) {
    await assert.rejects(call('importFiles', { paths: [p] }), /refused: .* is outside the imports folder/, p);
  }
  await assert.rejects(call('importFiles', { paths: ['../outside/secret.log'] }), /"\.\." leads out/);
  await assert.rejects(call('importFiles', { paths: [path.join(imports, 'okta.log'), secret] }), /secret\.log/);
  assert.equal(((await call('caseInfo', {})) as { events: number }).events, 0);

  const ok = (await call('importFiles', { paths: [path.join(imports, 'okta.log')] })) as { files: { imported: number }[] };
  assert.equal(ok.files[0].imported, 20);
  const again = (await call('importFiles', { paths: ['okta.log'] })) as { files: { alreadyImported?: boolean }[] };
  assert.equal(again.files[0].alreadyImported, true);

  const query = { query: {}, format: 'jsonl', mode: 'raw' };
  for (const out of [path.join(outside, 'export'), path.join(casePath, 'exports', '..', '..', 'x'), path.join(imports, 'door', 'export')]) {
    await assert.rejects(call('exportEvents', { ...query, out }), /refused: .* is outside the exports folder/, out);
  }
  assert.deepEqual(fs.readdirSync(outside), ['secret.log']);
  const mine = (await call('exportEvents', { ...query, out: path.join(casePath, 'exports', 'mine') })) as { rows: number };
  assert.equal(mine.rows, 20);
  assert.equal(((await call('exportEvents', query)) as { rows: number }).rows, 20);

  for (const p of [path.join(outside, 'x.auditdesk'), path.join(cases, '..', 'outside', 'y.auditdesk'), path.join(imports, 'door', 'z.auditdesk')]) {
    await assert.rejects(call('openCase', { path: p, create: true }), /refused: .* is outside the cases folder/, p);
  }
  await assert.rejects(call('openCase', { path: path.join(cases, 'dangling.auditdesk'), create: true }), /leads nowhere/);
  assert.deepEqual(fs.readdirSync(outside), ['secret.log']);
  const other = (await call('openCase', { path: 'other.auditdesk', create: true })) as { path: string; events: number };
  assert.equal(other.path, path.join(fs.realpathSync(cases), 'other.auditdesk'));
  const back = (await call('openCase', { path: casePath })) as { events: number };
  assert.equal(back.events, 20);

  // Sigma rules are files read from disk like imports: a rules folder outside the imports folder is refused.
  fs.mkdirSync(path.join(outside, 'rules'));
  fs.writeFileSync(
    path.join(outside, 'rules', 'r.yml'),
    'title: t\nid: 00000000-0000-0000-0000-000000000001\nlogsource: {product: okta}\ndetection: {s: {eventType: x}, condition: s}\n',
  );
  await assert.rejects(call('detect', { rulesDir: path.join(outside, 'rules') }), /refused: .* is outside the imports folder/);
  await assert.rejects(call('detect', { rulesDir: path.join(imports, 'door', 'rules') }), /refused: .* is outside the imports folder/);
  fs.mkdirSync(path.join(imports, 'rules'));
  const ran = (await call('detect', { rulesDir: path.join(imports, 'rules') })) as { rules: unknown[] };
  assert.ok(Array.isArray(ran.rules));
  ws.close();
});
