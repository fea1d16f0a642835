// Child process of annotation-kill.test.ts: annotates the case's events in a loop, printing "ack I"
// once change I is saved; every fifth change is a view, and after every seventh a full save folds the
// journal into case.sqlite. Killed with SIGKILL at any point by the test.
//   node --import tsx annotation-writer.ts CASE FIRST
import { CaseStore } from '../../src/main/engine/store/case-store';
import { annotate } from '../../src/main/engine/investigate/annotations';
import { saveView } from '../../src/main/engine/views/saved-views';

export const EVENTS = 12;
export const VIEWS = 3;

async function main() {
  const [casePath, first] = process.argv.slice(2);
  const store = await CaseStore.open(casePath);
  for (let i = Number(first); ; i++) {
    if (i % 5 === 0) saveView(store, { name: `view ${i % VIEWS}`, state: { filters: { text: `t${i}` }, hiddenColumns: [] }, overwrite: true });
    else annotate(store, { id: String((i % EVENTS) + 1), note: `n${i}`, addTags: [`tag${i % 4}`], bookmarked: i % 2 === 0 });
    process.stdout.write(`ack ${i}\n`);
    if (i % 7 === 0) store.save();
  }
}
if (process.argv[1]?.endsWith('annotation-writer.ts')) void main();
