// Where a case's column set comes from: its column file (column-file.ts) when that was written for
// exactly the table this process holds, else a read of every row from SQL. And the file's upkeep: it is
// written again after each save of the case, so the next open reads it.
import type { CaseStore } from '../store/case-store';
import { ColumnFileRejected, readColumnFile, writeColumnFile, type ColumnStamp } from './column-file';
import { EventColumns } from './event-columns';

/** How column sets were made, and column files written: tests and the bench read it. */
export const columnLoads = { file: 0, sql: 0, rejected: 0, written: 0, lastRejection: '' };

/** The stamp of the table as this process holds it, or null when it is ahead of case.sqlite on disk. */
function stampOf(store: CaseStore): Omit<ColumnStamp, 'rows'> | null {
  const dbSum = store.savedSum;
  if (!dbSum) return null;
  // No count(*) (a scan: ~0.4 s at 1M): the checksum names the table, the rows are checked against the file's own arrays.
  return { dbSum, lastId: store.lastEventId() };
}

/** The columns from the column file when it was written for the table this process holds, else null. */
export function savedColumns(store: CaseStore): EventColumns | null {
  const stamp = stampOf(store);
  if (!stamp) return null;
  try {
    const saved = readColumnFile(store.dir, stamp);
    if (!saved) return null;
    columnLoads.file++;
    return EventColumns.fromParts(store, saved);
  } catch (e) {
    if (!(e instanceof ColumnFileRejected)) throw e;
    columnLoads.rejected++;
    columnLoads.lastRejection = e.message;
    return null;
  }
}

export function loadColumns(store: CaseStore): EventColumns {
  const saved = savedColumns(store);
  if (saved) return saved;
  columnLoads.sql++;
  return EventColumns.load(store);
}

/** The stamp each store's column file was last written with here: a save that changed nothing writes nothing. */
const written = new WeakMap<CaseStore, string>();

/** Writes the column file for the table just saved (called with the writer lock held); a failure only leaves a stale file. */
export function saveColumns(store: CaseStore, cols: EventColumns | null): void {
  if (!cols || store.readOnly || store.damaged) return;
  try {
    const dbSum = store.savedSum;
    if (!dbSum) return;
    const n = cols.length;
    const stamp = { dbSum, rows: n, lastId: n ? cols.ids.data[n - 1] : 0 };
    const key = JSON.stringify(stamp);
    if (written.get(store) === key) return;
    writeColumnFile(store.dir, cols.parts(), stamp);
    written.set(store, key);
    columnLoads.written++;
  } catch {
    // Only a cache: the next open finds it stale or missing and reads the columns from SQL.
  }
}
