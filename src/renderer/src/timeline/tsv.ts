// Rows as tab-separated values, what Ctrl+C puts on the clipboard: a header line with the shown
// columns' names, then a line per row. Tabs and line breaks inside values become spaces, so a value
// can never shift a column or start a row.
import type { EventRow } from '../../../shared/event';
import { cellText, columnOf, type ColumnId, type RawValues } from './columns';

const clean = (v: string) => v.replace(/[\t\r\n]+/g, ' ');

export function toTsv(rows: EventRow[], columns: ColumnId[], raw?: (id: string) => RawValues | undefined, header = true): string {
  const lines = rows.map((r) => columns.map((c) => clean(cellText(r, c, raw?.(r.id)))).join('\t'));
  if (header) lines.unshift(columns.map((c) => columnOf(c).label).join('\t'));
  return `${lines.join('\n')}\n`;
}
