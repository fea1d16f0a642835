// Child process of column-file.test.ts: saves the case again and again (each save writes case.sqlite,
// then the column file), printing "saved I" after each, until the test kills it with SIGKILL.
//   node --import tsx column-saver.ts CASE
import { Engine } from '../../src/main/engine/engine';
import type { CaseStore } from '../../src/main/engine/store/case-store';

async function main() {
  const engine = new Engine(() => {});
  await engine.openCase({ path: process.argv[2] });
  const store = (engine as unknown as { store: CaseStore }).store;
  // saved_at changes on every save, so every save is a new case.sqlite and a new column file.
  for (let i = 1; ; i++) {
    store.save();
    process.stdout.write(`saved ${i}\n`);
  }
}
if (process.argv[1]?.endsWith('column-saver.ts')) void main();
