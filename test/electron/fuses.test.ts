// The fuses of a packaged AuditDesk, set by scripts/fuses.mjs at packaging time. There is no Electron
// binary here, so the script runs as a real process on a file laid out as Electron's fuse wire is
// (sentinel, version, length, one byte per fuse), and the bytes are read back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT, tempDir } from '../helpers/paths';

const SCRIPT = path.join(REPO_ROOT, 'scripts', 'fuses.mjs');
/** The marker @electron/fuses looks for in the binary. */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const NAMES = [
  'RunAsNode',
  'EnableCookieEncryption',
  'EnableNodeOptionsEnvironmentVariable',
  'EnableNodeCliInspectArguments',
  'EnableEmbeddedAsarIntegrityValidation',
  'OnlyLoadAppFromAsar',
  'LoadBrowserProcessSpecificV8Snapshot',
  'GrantFileProtocolExtraPrivileges',
  'WasmTrapHandlers',
];
/** Electron's defaults, '1' on and '0' off, in wire order. */
const DEFAULTS = '101100011';

function fakeElectron(wire: string, withSentinel = true): string {
  const file = path.join(tempDir(), 'electron');
  const wireBytes = Buffer.concat([Buffer.from(SENTINEL), Buffer.from([1, wire.length]), Buffer.from(wire, 'latin1')]);
  fs.writeFileSync(file, Buffer.concat([crypto.randomBytes(5000), withSentinel ? wireBytes : Buffer.alloc(0), crypto.randomBytes(3000)]));
  return file;
}

function wireOf(file: string): string {
  const b = fs.readFileSync(file);
  const at = b.indexOf(SENTINEL) + SENTINEL.length;
  return b.toString('latin1', at + 2, at + 2 + b[at + 1]);
}

const run = (...args: string[]) => spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8' });

test('the fuse config: RunAsNode, NODE_OPTIONS and --inspect off; cookie encryption and app.asar only on; ASAR integrity where supported', async () => {
  const { fuseConfig } = (await import(pathToFileURL(SCRIPT).href)) as { fuseConfig(platform: string): Record<string, unknown> };
  const named = (platform: string) => Object.fromEntries(NAMES.map((n, i) => [n, fuseConfig(platform)[i]]));
  const linux = named('linux');
  assert.deepEqual(linux, {
    RunAsNode: false,
    EnableCookieEncryption: true,
    EnableNodeOptionsEnvironmentVariable: false,
    EnableNodeCliInspectArguments: false,
    EnableEmbeddedAsarIntegrityValidation: false,
    OnlyLoadAppFromAsar: true,
    LoadBrowserProcessSpecificV8Snapshot: false,
    GrantFileProtocolExtraPrivileges: false,
    WasmTrapHandlers: true,
  });
  assert.equal(named('darwin').EnableEmbeddedAsarIntegrityValidation, true);
  assert.equal(named('win32').EnableEmbeddedAsarIntegrityValidation, true);
  assert.equal(fuseConfig('linux').strictlyRequireAllFuses, true);
});

test('scripts/fuses.mjs flips the fuses in a binary and checks them; a new unknown fuse or no fuse wire fails the step', () => {
  const linux = fakeElectron(DEFAULTS);
  const r = run(linux, 'linux');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(wireOf(linux), '010001001');
  const win = fakeElectron(DEFAULTS);
  assert.equal(run(win, 'win32').status, 0);
  assert.equal(wireOf(win), '010011001');

  // A later Electron with a tenth fuse: nobody decided it yet, so packaging stops and the binary is untouched.
  const newer = fakeElectron(`${DEFAULTS}1`);
  const n = run(newer, 'linux');
  assert.equal(n.status, 1);
  assert.match(n.stderr, /fuses: .*strictlyRequireAllFuses/);
  assert.equal(wireOf(newer), `${DEFAULTS}1`);

  const none = run(fakeElectron(DEFAULTS, false), 'linux');
  assert.equal(none.status, 1);
  assert.match(none.stderr, /Could not find sentinel/);
  assert.equal(run().status, 2);
});
