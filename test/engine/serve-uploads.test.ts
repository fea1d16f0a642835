// Uploads to `serve`: a size limit enforced while the bytes arrive (413, nothing left behind), and
// incoming/ holding a file only until its import ends.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { CORPUS_DIR, tempDir } from '../helpers/paths';
import { opboxJsonl } from '../helpers/generate';
import { cli, serve, type Served } from '../helpers/cli';
import { connect, login, originOf, rpc } from '../helpers/serve-client';

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

/** POSTs chunks without a Content-Length (chunked), as a client that does not say how much is coming. */
function chunkedUpload(host: Served, cookie: string, chunks: Buffer[]): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const { port } = new URL(host.base);
    const req = http.request(
      { host: '127.0.0.1', port, method: 'POST', path: '/api/upload?name=big.log', headers: { cookie, origin: originOf(host) } },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    for (const c of chunks) req.write(c);
    req.end();
  });
}

test('serve refuses uploads past --max-upload while they stream, and keeps incoming/ to uploads whose import has not ended', async (t) => {
  const casePath = path.join(tempDir(), 'uploads.auditdesk');
  assert.equal(cli(['import', casePath, path.join(CORPUS_DIR, 'okta/elastic_okta_system_events.log')]).code, 0);
  const incoming = path.join(casePath, 'incoming');
  // Left by earlier runs: a loose file, and the folder of a serve no longer running; a running serve's is kept.
  const gone = spawnSync(process.execPath, ['-e', '0']).pid;
  fs.mkdirSync(path.join(incoming, `serve-${gone}`), { recursive: true });
  fs.writeFileSync(path.join(incoming, `serve-${gone}`, 'stale.log'), 'x');
  fs.writeFileSync(path.join(incoming, 'loose.log'), 'x');
  fs.mkdirSync(path.join(incoming, `serve-${process.pid}`));
  fs.writeFileSync(path.join(incoming, `serve-${process.pid}`, 'live.log'), 'x');

  assert.equal(cli(['serve', casePath, '--max-upload', 'lots']).code, 2);
  const host = await serve(casePath, ['--max-upload', '1MiB']);
  t.after(() => host.stop());
  assert.deepEqual(filesUnder(incoming), [`serve-${process.pid}/live.log`]);
  const cookie = await login(host);
  const headers = { cookie, origin: originOf(host) };

  const declared = await fetch(`${host.base}api/upload?name=big.log`, { method: 'POST', body: new Uint8Array((1 << 20) + 1), headers });
  assert.equal(declared.status, 413);
  assert.match(await declared.text(), /larger than this serve's limit of 1 MiB.*--max-upload/);
  const streamed = await chunkedUpload(
    host,
    cookie,
    Array.from({ length: 8 }, () => Buffer.alloc(256 << 10, 0x62)),
  );
  assert.equal(streamed.status, 413);
  assert.match(streamed.text, /limit of 1 MiB/);
  assert.deepEqual(filesUnder(incoming), [`serve-${process.pid}/live.log`]);

  const ws = await connect(host, { cookie });
  const upload = async (name: string, body: Buffer) => {
    const res = await fetch(`${host.base}api/upload?name=${name}`, { method: 'POST', body: new Uint8Array(body), headers });
    assert.equal(res.status, 200);
    return ((await res.json()) as { path: string }).path;
  };
  const gitlab = await upload('gitlab.log', fs.readFileSync(path.join(CORPUS_DIR, 'gitlab/elastic_gitlab_audit.log')));
  const exact = await upload('exact.log', Buffer.alloc(1 << 20, 0x0a));
  assert.equal(filesUnder(incoming).length, 3);
  const done = (await rpc(ws, 'importFiles', { paths: [gitlab], originalNames: ['gitlab.log'] })) as { files: { imported: number }[] };
  assert.equal(done.files[0].imported, 2);
  assert.ok(!fs.existsSync(gitlab));
  // A file that fails to import as a whole goes too.
  const failed = (await rpc(ws, 'importFiles', { paths: [exact], originalNames: ['exact.log'] })) as { files: { errors: { message: string }[] }[] };
  assert.match(failed.files[0].errors[0].message, /unrecognised format/);
  assert.ok(!fs.existsSync(exact));
  // And one whose import is cancelled as it starts (whether the cancel lands in time or not).
  const opbox = Buffer.from(opboxJsonl(3000));
  assert.ok(opbox.length < 1 << 20);
  const cancelled = await upload('opbox.jsonl', opbox);
  const job = rpc(ws, 'importFiles', { paths: [cancelled], originalNames: ['opbox.jsonl'], jobId: 'cancel-me' }) as Promise<{
    cancelled?: boolean;
    files: { imported: number }[];
  }>;
  await rpc(ws, 'cancelJob', { jobId: 'cancel-me' });
  const r = await job;
  assert.ok(r.cancelled === true || r.files[0].imported === 3000, JSON.stringify(r));
  assert.ok(!fs.existsSync(cancelled));
  // The imports stored the records: the upload was a copy only.
  const stored = r.cancelled ? 22 : 3022;
  assert.equal(((await rpc(ws, 'caseInfo', {})) as { events: number }).events, stored);
  assert.deepEqual(filesUnder(incoming), [`serve-${process.pid}/live.log`]);
  ws.close();
});
