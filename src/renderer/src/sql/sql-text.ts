// A SQL result as the console shows it and hands it on (copy as TSV, export as CSV).
import { csvCell } from '../../../shared/csv-cell';
import { OUTCOMES } from '../../../shared/event';
import type { SqlValue } from '../../../shared/sql';

/**
 * The events table stores an outcome as its index in OUTCOMES; a column named outcome holding such a
 * code is shown as the word the log said, which is what the code stands for.
 */
export function cellText(column: string, v: SqlValue): string {
  if (v === null) return 'NULL';
  if (typeof v === 'number' && column.toLowerCase() === 'outcome' && Number.isInteger(v) && OUTCOMES[v]) return OUTCOMES[v];
  return String(v);
}

/** The column holding event ids, for opening a row's event: one named id (any case). */
export const idColumn = (columns: string[]) => columns.findIndex((c) => c.toLowerCase() === 'id');

// A tab or line break inside a value would split it into further cells or rows when pasted.
const tsvCell = (s: string) => s.replace(/[\t\r\n]+/g, ' ');

export function resultTsv(columns: string[], rows: SqlValue[][]): string {
  const lines = [columns.map(tsvCell).join('\t')];
  for (const r of rows) lines.push(r.map((v, i) => tsvCell(v === null ? '' : cellText(columns[i], v))).join('\t'));
  return lines.join('\n') + '\n';
}

/** CSV with the export's formula neutralisation, so opening it in a spreadsheet runs nothing. */
export function resultCsv(columns: string[], rows: SqlValue[][]): string {
  const line = (cells: string[]) => cells.map((c) => csvCell(c).cell).join(',');
  const lines = [line(columns)];
  for (const r of rows) lines.push(line(r.map((v, i) => (v === null ? '' : cellText(columns[i], v)))));
  return lines.join('\r\n') + '\r\n';
}
