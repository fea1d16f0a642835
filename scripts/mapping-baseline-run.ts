// Compares the corpus' mapping fill counts with test/fixtures/mapping-baseline.json; with --write,
// records them as the new baseline, which only an improvement may do.
import fs from 'node:fs';
import path from 'node:path';
import { fillTable, measureCorpus, regressions, type FillCounts } from '../test/helpers/mapping-fill';
import { REPO_ROOT } from '../test/helpers/paths';

const file = path.join(REPO_ROOT, 'test/fixtures/mapping-baseline.json');
const base = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, FillCounts>) : {};
const now = measureCorpus();
const worse = regressions(base, now);
console.log(fillTable(now, base));
if (worse.length > 0) {
  console.error(`\nWorse than the baseline (${path.relative(REPO_ROOT, file)}):\n  ${worse.join('\n  ')}`);
  process.exit(1);
}
if (process.argv.includes('--write')) {
  fs.writeFileSync(file, JSON.stringify(now, null, 2) + '\n');
  console.log(`\nBaseline written: ${path.relative(REPO_ROOT, file)}`);
}
