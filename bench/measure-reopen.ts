// Reopening a case until its first page and a filter's count are on screen, the way the app does it:
// open, case info, columns (from the column file when it is current, else from SQL), a page, a filter.
//   node --import tsx bench/measure-reopen.ts CASE [--write-columns 1]
// With --write-columns 1 the column file is written afterwards, so the next run reads it.
import { caseArgs, ms } from './bench-cli';
import { CaseStore } from '../src/main/engine/store/case-store';
import { columnQuery, columnsOf, persistColumns } from '../src/main/engine/columns/column-path';
import { columnLoads } from '../src/main/engine/columns/saved-columns';

const { casePath, values } = caseArgs('node --import tsx bench/measure-reopen.ts CASE [--write-columns 1]', ['write-columns']);

async function main() {
  const t0 = process.hrtime.bigint();
  const store = await CaseStore.open(casePath);
  const openMs = ms(t0);
  store.info();
  const infoMs = ms(t0);
  columnsOf(store);
  const columnsMs = ms(t0);
  columnQuery(store, { limit: 100 });
  const firstPageMs = ms(t0);
  const filtered = columnQuery(store, { where: [{ field: 'outcome', op: 'eq', value: 'failure' }], limit: 100 });
  const firstFilterMs = ms(t0);
  const loadedFrom = columnLoads.file ? 'file' : 'sql';
  if (values['write-columns'] === '1') persistColumns(store);
  store.close();
  const out = {
    openMs,
    infoMs,
    columnsMs,
    firstPageMs,
    firstFilterMs,
    loadedFrom,
    filteredTotal: filtered?.total,
    ...columnLoads,
    peakRssBytes: process.memoryUsage().rss,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}
void main();
