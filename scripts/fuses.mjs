// Electron fuses for a packaged AuditDesk, flipped at packaging time (they are bits in the Electron
// binary, so they cannot be set from code or the build of out/): run it on the packaged app before
// signing, e.g. as the packager's afterPack step or `npm run fuses -- PATH [PLATFORM]`, where PATH is the
// packaged executable (Foo.app on macOS) and PLATFORM defaults to this machine's. It flips the fuses
// with @electron/fuses, reads them back, and exits 1 if any differs. Uses the package's own API, not
// hand-written byte patching: it knows the wire layout of every Electron version and macOS slices.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FuseState, FuseV1Options, FuseVersion, flipFuses, getCurrentFuseWire } from '@electron/fuses';

/**
 * Every fuse set explicitly (strictlyRequireAllFuses), so a new Electron fuse fails the packaging step
 * until someone decides it. ASAR integrity is validated where Electron supports it (macOS, Windows):
 * the packager must then build app.asar with its header hash, as electron-builder and Forge do.
 */
export function fuseConfig(platform = process.platform) {
  return {
    version: FuseVersion.V1,
    strictlyRequireAllFuses: true,
    resetAdHocDarwinSignature: platform === 'darwin',
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: platform === 'darwin' || platform === 'win32',
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
    // The window loads from app://, so file:// needs none of its old extra privileges.
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    // Electron's default: WebAssembly (sql.js) keeps its fast bounds checks.
    [FuseV1Options.WasmTrapHandlers]: true,
  };
}

/** Fuses whose state in the binary differs from the config, by name. */
export async function fuseMismatches(executable, config) {
  const wire = await getCurrentFuseWire(executable);
  const wrong = [];
  for (const [key, want] of Object.entries(config)) {
    const index = Number(key);
    if (!Number.isInteger(index)) continue;
    const got = wire[index];
    if (got === FuseState.REMOVED) continue;
    if (got !== (want ? FuseState.ENABLE : FuseState.DISABLE)) wrong.push(FuseV1Options[index]);
  }
  return wrong;
}

export async function applyFuses(executable, platform = process.platform) {
  const config = fuseConfig(platform);
  await flipFuses(executable, config);
  return fuseMismatches(executable, config);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [executable, platform] = process.argv.slice(2);
  if (!executable) {
    process.stderr.write('usage: node scripts/fuses.mjs PACKAGED_EXECUTABLE [PLATFORM]\n');
    process.exit(2);
  }
  try {
    const wrong = await applyFuses(path.resolve(executable), platform);
    if (wrong.length) {
      process.stderr.write(`fuses: ${executable}: still wrong after flipping: ${wrong.join(', ')}\n`);
      process.exit(1);
    }
    process.stdout.write(`fuses: ${executable}: set for ${platform ?? process.platform}\n`);
  } catch (e) {
    process.stderr.write(`fuses: ${executable}: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
}
