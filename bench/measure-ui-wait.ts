// The UI's wait after a filter change on an imported case (bench/ui-wait.ts), alone: one JSON document on stdout.
//   node --import tsx bench/measure-ui-wait.ts CASE [--filters 20] [--sql-filters 5]
import { caseArgs } from './bench-cli';
import { CaseStore } from '../src/main/engine/store/case-store';
import { uiWait } from './ui-wait';

const { casePath, values } = caseArgs('node --import tsx bench/measure-ui-wait.ts CASE [--filters N] [--sql-filters N]', ['filters', 'sql-filters']);

async function main() {
  const store = await CaseStore.open(casePath);
  const out = uiWait(store, Number(values.filters ?? 20), Number(values['sql-filters'] ?? 5));
  store.close();
  process.stdout.write(`${JSON.stringify({ ...out, peakRssBytes: process.memoryUsage().rss })}\n`);
}
void main();
