// The Electron vault's decision, without Electron: tokens are saved only where the OS encrypts them
// with a secret of its own; Linux's basic_text fallback (a key built into Chromium) is refused and
// the user is told the token lasts for this session only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenPersistence } from '../../src/main/host/token-persistence';

test('Linux: a keyring backend stores; basic_text, unknown or none is refused with a reason for the user', () => {
  for (const backend of ['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6']) assert.deepEqual(tokenPersistence('linux', true, backend), { persist: true });
  for (const backend of ['basic_text', 'unknown', null]) {
    const d = tokenPersistence('linux', true, backend);
    assert.equal(d.persist, false, String(backend));
    assert.match(d.persist ? '' : d.reason, /^the token was not saved: .*kept in memory for this session only/);
  }
  const basic = tokenPersistence('linux', true, 'basic_text');
  assert.match(basic.persist ? '' : basic.reason, /"basic_text" store is not encrypted with a secret/);
});

test('macOS and Windows store when encryption is available; nowhere without it', () => {
  assert.deepEqual(tokenPersistence('darwin', true, null), { persist: true });
  assert.deepEqual(tokenPersistence('win32', true, null), { persist: true });
  for (const platform of ['darwin', 'win32', 'linux']) {
    const d = tokenPersistence(platform, false, 'gnome_libsecret');
    assert.equal(d.persist, false);
    assert.match(d.persist ? '' : d.reason, /no OS encryption is available.*session only/);
  }
});
