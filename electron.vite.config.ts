import fs from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

// Files main reads or starts as they are (the verifier written into every export, the export's hashing
// thread): JavaScript checked by tsc through JSDoc, copied beside the entries instead of bundled, and
// found there by src/main/engine/runtime/shipped-file.ts.
const SHIPPED_AS_IS = ['src/main/engine/export/verify.mjs', 'src/main/engine/export/row-hasher-worker.mjs'];

// Folders copied whole into out/main/ under their own name: the bundled Sigma rules stay the YAML files
// their licence asks to be shared as they are (found by detect/load-rules.ts through shipped-file.ts).
const SHIPPED_DIRS = ['src/main/engine/detect/rules'];

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).flatMap((e) => (e.isFile() ? [join(e.parentPath, e.name)] : []));
}

function shipAsIs(files: string[], dirs: string[]): Plugin {
  const copies = [
    ...files.map((f) => [resolve(__dirname, f), basename(f)]),
    ...dirs.flatMap((d) =>
      filesUnder(resolve(__dirname, d)).map((f) => [
        f,
        join(basename(d), relative(resolve(__dirname, d), f))
          .split(sep)
          .join('/'),
      ]),
    ),
  ];
  return {
    name: 'auditdesk-ship-as-is',
    buildStart() {
      for (const [from] of copies) this.addWatchFile(from!);
    },
    generateBundle() {
      for (const [from, to] of copies) this.emitFile({ type: 'asset', fileName: to, source: fs.readFileSync(from!) });
    },
  };
}

// One build for the three places code runs: main (Electron shell, CLI, engine worker; Node deps stay
// external so sql.js finds its wasm in node_modules), preload (sandboxed, so bundled whole) and renderer.
export default defineConfig({
  main: {
    plugins: [shipAsIs(SHIPPED_AS_IS, SHIPPED_DIRS)],
    build: {
      rollupOptions: {
        input: {
          electron: resolve(__dirname, 'src/main/electron.ts'),
          cli: resolve(__dirname, 'src/main/cli/index.ts'),
          'engine-worker': resolve(__dirname, 'src/main/engine/worker/engine-worker.ts'),
          'parse-worker': resolve(__dirname, 'src/main/engine/import/parse-worker.ts'),
          'sql-worker': resolve(__dirname, 'src/main/engine/sql/sql-worker.ts'),
          'detect-worker': resolve(__dirname, 'src/main/engine/detect/detect-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      externalizeDeps: false,
      rollupOptions: { input: { index: resolve(__dirname, 'src/preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    base: './',
    plugins: [react()],
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
  },
});
