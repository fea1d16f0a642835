import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// One build for the three places code runs: main (Electron shell, CLI, engine worker; Node deps stay
// external so sql.js finds its wasm in node_modules), preload (sandboxed, so bundled whole) and renderer.
export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          electron: resolve(__dirname, 'src/main/electron.ts'),
          cli: resolve(__dirname, 'src/main/cli.ts'),
          'engine-worker': resolve(__dirname, 'src/main/engine/worker/engine-worker.ts'),
          'parse-worker': resolve(__dirname, 'src/main/engine/import/parse-worker.ts'),
          'sql-worker': resolve(__dirname, 'src/main/engine/sql/sql-worker.ts'),
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
