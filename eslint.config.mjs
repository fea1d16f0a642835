// Lint = TypeScript rules plus the layering of ARCHITECTURE.md as import restrictions, so a wrong
// import direction fails CI instead of waiting for review.
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'http', 'zlib', 'stream'];

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'bench/data/**', '.tmp/**', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'src/shared is pure TypeScript: no Node.' },
            {
              group: ['electron', 'react', 'react-dom', 'sql.js', '**/main/**', '**/renderer/**', '**/preload/**'],
              message: 'src/shared imports nothing above it.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'The renderer has no Node: go through the contract.' },
            { group: ['electron', 'sql.js', '**/main/**', '**/preload/**'], message: 'The renderer reaches the engine only through the contract.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'The preload is sandboxed: electron and shared types only.' },
            { group: ['**/main/**', '**/renderer/**'], message: 'The preload imports only electron and src/shared.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', '**/host/**', '**/electron', '**/cli', '**/cli/**', '**/renderer/**', '**/preload/**'],
              message: 'The engine never imports the shells, hosts or CLI.',
            },
          ],
        },
      ],
    },
  },
  {
    // SQL over the case lives in store/ (CaseStore methods named for what they answer), so the store
    // alone knows how events are kept. The SQL console (sql/) runs the user's SQL; the column engine's
    // reading of the events into columns (event-columns.ts) is still to move.
    files: ['src/main/engine/**/*.ts'],
    ignores: ['src/main/engine/store/**', 'src/main/engine/sql/**', 'src/main/engine/columns/event-columns.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='db'][callee.property.name=/^(exec|run|prepare)$/]",
          message: 'SQL over the case belongs in store/: add a CaseStore method named for what it answers.',
        },
        {
          selector: "CallExpression[callee.object.name='ColumnCursor'][callee.property.name='open']",
          message: 'SQL over the case belongs in store/: add a CaseStore method named for what it answers.',
        },
      ],
    },
  },
  {
    // Vendors are data (descriptors) and what checks it: the engine reads them, never the other way.
    files: ['src/main/vendors/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/engine/**'], message: 'Vendors import no engine (sync included) internals: what both need belongs in src/shared.' },
            {
              group: ['electron', '**/host/**', '**/electron', '**/cli', '**/cli/**', '**/renderer/**', '**/preload/**'],
              message: 'Vendors never import the shells, hosts or CLI.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/host/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            // Electron itself is fine (the IPC host, the vault); the Electron shell (main/electron.ts) is not.
            {
              group: ['**/cli', '**/cli/**', '../electron', '**/renderer/**', '**/preload/**'],
              message: 'A host serves the engine to a page; it knows no shell, CLI or page code.',
            },
          ],
        },
      ],
    },
  },
  {
    // The CLI runs in plain Node: no Electron, and the engine only through its client (plus the
    // verify.mjs it runs for `auditdesk verify`).
    files: ['src/main/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', '**/electron', '**/renderer/**', '**/preload/**'], message: 'The CLI runs in plain Node: no Electron, no page code.' },
            { regex: '(^|/)engine/(?!worker/engine-client$|export/verify-script$)', message: 'The CLI reaches the engine through EngineClient.' },
          ],
        },
      ],
    },
  },
  {
    // Shipped as they are and run standalone (verify.mjs next to every export): Node built-ins only.
    files: ['src/main/**/*.mjs'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(?!node:)', message: 'A shipped .mjs file imports Node built-ins (node:*) only.' }] }],
    },
  },
  {
    files: ['scripts/**/*.{js,cjs,mjs}', 'bin/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', require: 'readonly', module: 'readonly', __dirname: 'readonly' } },
  },
);
