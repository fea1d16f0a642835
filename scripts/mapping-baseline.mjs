// `node scripts/mapping-baseline.mjs [--write]`: mapping fill counts per corpus file against the
// checked-in baseline (test/fixtures/mapping-baseline.json). --write records an improvement; a
// file that got worse is refused.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/mapping-baseline-run.ts'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
