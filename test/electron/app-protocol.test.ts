// The app:// handler of the Electron window, in plain Node on real files: only regular files inside the
// built renderer folder come back, each with the CSP header; every way out of the folder is a 404.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { APP_INDEX_URL, appResponse, resolveAppPath } from '../../src/main/app-protocol';
import { CSP_HTTP } from '../../src/main/host/csp';
import { tempDir } from '../helpers/paths';

test('app:// URLs resolve inside the renderer folder only', () => {
  const root = path.join(tempDir(), 'renderer');
  const inRoot = (p: string) => path.join(root, p);
  assert.equal(resolveAppPath(root, APP_INDEX_URL), inRoot('index.html'));
  assert.equal(resolveAppPath(root, 'app://renderer/assets/index-1.js?v=2#x'), inRoot('assets/index-1.js'));
  assert.equal(resolveAppPath(root, 'app://RENDERER/index.html'), inRoot('index.html'));
  // `..`, raw or encoded, is clamped at the folder's top: it never names a file outside.
  for (const url of [
    'app://renderer/../package.json',
    'app://renderer/%2e%2e/%2e%2e/package.json',
    'app://renderer/a/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc/passwd',
    'app://renderer//etc/passwd',
  ]) {
    const file = resolveAppPath(root, url);
    assert.ok(file === null || file.startsWith(root + path.sep), `${url} -> ${file}`);
  }
  for (const url of [
    'app://renderer/',
    'app://other/index.html',
    'file:///etc/passwd',
    'https://renderer/index.html',
    'app://renderer/a%00b',
    'app://renderer/..%5c..%5cx',
    'app://renderer/%E0%A4%A',
    'not a url',
  ]) {
    assert.equal(resolveAppPath(root, url), null, url);
  }
});

test('app:// responses: files with their type and the CSP header; 404 for links out, folders and anything outside', async () => {
  const base = tempDir();
  const root = path.join(base, 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>x</title>');
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(base, 'secret.txt'), 'outside');
  fs.symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'link.txt'));

  const index = await appResponse(root, APP_INDEX_URL);
  assert.equal(index.status, 200);
  assert.equal(index.headers.get('content-security-policy'), CSP_HTTP);
  assert.match(index.headers.get('content-type') ?? '', /^text\/html/);
  assert.equal(await index.text(), '<!doctype html><title>x</title>');
  const js = await appResponse(root, 'app://renderer/assets/app.js');
  assert.match(js.headers.get('content-type') ?? '', /^text\/javascript/);

  for (const url of [
    'app://renderer/link.txt',
    'app://renderer/assets',
    'app://renderer/missing.js',
    'app://renderer/../secret.txt',
    'app://renderer/%2e%2e/secret.txt',
    'app://other/index.html',
  ]) {
    const r = await appResponse(root, url);
    assert.equal(r.status, 404, url);
    assert.equal(r.headers.get('content-security-policy'), CSP_HTTP, `${url}: CSP on errors too`);
    assert.doesNotMatch(await r.text(), /outside/, `${url}: nothing from outside`);
  }
});
