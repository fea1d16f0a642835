// The query language's filter wait on an imported case (bench/ql-wait.ts), alone: one JSON document on stdout.
//   node --import tsx bench/measure-ql.ts CASE [--sql-queries 2]
import { caseArgs } from './bench-cli';
import { CaseStore } from '../src/main/engine/store/case-store';
import { qlWait } from './ql-wait';

const { casePath, values } = caseArgs('node --import tsx bench/measure-ql.ts CASE [--sql-queries N]', ['sql-queries']);

async function main() {
  const store = await CaseStore.open(casePath);
  const out = qlWait(store, Number(values['sql-queries'] ?? 2));
  store.close();
  process.stdout.write(`${JSON.stringify({ ...out, peakRssBytes: process.memoryUsage().rss })}\n`);
}
void main();
