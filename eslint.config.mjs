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
      'no-restricted-imports': ['error', {
        patterns: [
          { group: nodeBuiltins, message: 'src/shared is pure TypeScript: no Node.' },
          { group: ['electron', 'react', 'react-dom', 'sql.js', '**/main/**', '**/renderer/**', '**/preload/**'], message: 'src/shared imports nothing above it.' },
        ],
      }],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: nodeBuiltins, message: 'The renderer has no Node: go through the contract.' },
          { group: ['electron', 'sql.js', '**/main/**', '**/preload/**'], message: 'The renderer reaches the engine only through the contract.' },
        ],
      }],
    },
  },
  {
    files: ['src/main/engine/**/*.ts', 'src/main/vendors/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron', '**/host/**', '**/electron', '**/cli', '**/cli/**', '**/renderer/**'], message: 'The engine never imports the shells or hosts.' },
        ],
      }],
    },
  },
  {
    files: ['scripts/**/*.{js,cjs,mjs}', 'bin/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', require: 'readonly', module: 'readonly', __dirname: 'readonly' } },
  },
);
