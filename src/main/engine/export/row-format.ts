// How each exported row is written, and how rows are framed in the data file. The framing is recorded
// in the manifest, so a verifier can cut the file back into rows without AuditDesk: the file is
// prefix + rows joined by separator + suffix, and no row ever ends in the separator's framing.
import { EVENT_FIELDS, type AuditEvent } from '../../../shared/event';
import type { ExportFormat, ExportMode } from '../../../shared/export';
import { csvCell, neutraliseRow } from './csv-cell';

export interface Framing {
  /** json: rows are top-level array elements; lines: one row per line; csv: rows are CSV records. */
  kind: 'json' | 'lines' | 'csv';
  prefix: string;
  separator: string;
  suffix: string;
  description: string;
  /** A source header with names that would run: the 1-based columns prefixed, and the header as the source has it. */
  neutralisedHeader?: { columns: string[]; original: string };
}

/** raw CSV: the sources' own rows under their own header, or a row number and a `raw` column holding each record. */
export type CsvLayout = { kind: 'source-rows'; header: string; delimiter: string } | { kind: 'raw-column' };

/** Normalized CSV columns: the event model, with structured values and the raw record as text. */
export const NORMALIZED_COLUMNS = EVENT_FIELDS;

export function framingFor(format: ExportFormat, mode: ExportMode, layout: CsvLayout | null): Framing {
  if (format === 'json') {
    return {
      kind: 'json',
      prefix: '[\n',
      separator: ',\n',
      suffix: '\n]\n',
      description:
        mode === 'raw'
          ? 'a JSON array; each element is one source record, byte for byte as it was read'
          : 'a JSON array; each element is one event of the AuditDesk event model, on one line',
    };
  }
  if (format === 'jsonl') {
    return {
      kind: 'lines',
      prefix: '',
      separator: '\n',
      suffix: '\n',
      description:
        mode === 'raw'
          ? 'one source record per line, byte for byte as it was read (records spanning lines are refused)'
          : 'one event of the AuditDesk event model per line',
    };
  }
  let header = mode === 'normalized' ? NORMALIZED_COLUMNS.join(',') : 'row,raw';
  let neutralisedHeader: Framing['neutralisedHeader'];
  if (mode === 'raw' && layout?.kind === 'source-rows') {
    // A source's header names are cells like any other: `=HYPERLINK(...)` as a name would run too.
    const { row, columns } = neutraliseRow(layout.header, layout.delimiter);
    header = row;
    if (columns.length) neutralisedHeader = { columns: columns.map((c) => `column ${c + 1}`), original: layout.header };
  }
  return {
    ...(neutralisedHeader ? { neutralisedHeader } : {}),
    kind: 'csv',
    prefix: `${header}\n`,
    separator: '\n',
    suffix: '\n',
    description:
      mode === 'normalized'
        ? 'CSV with a header; the event model columns, before/after/provenance as JSON, and the raw record text'
        : layout?.kind === 'source-rows'
          ? "CSV with the source's own header; each row is the source's row, byte for byte"
          : 'CSV with columns row (1-based row number) and raw (the source record exactly as it was read)',
  };
}

export class RowRefused extends Error {}

/** One row's text and the columns (names) whose cells were neutralised. */
export function formatRow(
  event: AuditEvent,
  rowNumber: number,
  format: ExportFormat,
  mode: ExportMode,
  layout: CsvLayout | null,
): { text: string; neutralised: string[] } {
  if (format !== 'csv') {
    if (mode === 'normalized') return { text: JSON.stringify(event), neutralised: [] };
    if (format === 'jsonl' && /[\r\n]/.test(event.raw)) {
      throw new RowRefused(
        'spans several lines: JSONL holds one record per line and raw records are never re-written; export raw records as JSON (not JSONL), or normalized',
      );
    }
    return { text: event.raw, neutralised: [] };
  }
  if (mode === 'raw') {
    if (layout?.kind === 'source-rows') {
      const { row, columns } = neutraliseRow(event.raw, layout.delimiter);
      return { text: row, neutralised: columns.map((c) => `column ${c + 1}`) };
    }
    // A second column, because a one-column file is not recognisably CSV to any reader (ours included).
    const { cell, neutralised } = csvCell(event.raw);
    return { text: `${rowNumber},${cell}`, neutralised: neutralised ? ['raw'] : [] };
  }
  const neutralised: string[] = [];
  const cells = NORMALIZED_COLUMNS.map((col) => {
    const { cell, neutralised: n } = csvCell(cellText(event, col));
    if (n) neutralised.push(col);
    return cell;
  });
  return { text: cells.join(','), neutralised };
}

function cellText(e: AuditEvent, col: (typeof NORMALIZED_COLUMNS)[number]): string {
  switch (col) {
    case 'flags':
      return e.flags.length ? JSON.stringify(e.flags) : '';
    case 'before':
    case 'after':
      return e[col] === null || e[col] === undefined ? '' : JSON.stringify(e[col]);
    case 'provenance':
      return JSON.stringify(e.provenance);
    default: {
      const v = e[col];
      return v === null || v === undefined ? '' : String(v);
    }
  }
}
