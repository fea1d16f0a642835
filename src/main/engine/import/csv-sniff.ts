// Guesses the delimiter of delimited text from its first rows: the candidate that splits the rows
// into the same number (>1) of fields most consistently, counting only delimiters outside quotes.
// A minority of ragged rows is tolerated; comma-separated prose is not delimited text.

import { looksLikeData } from './csv-header';

export const DELIMITERS = [',', '\t', ';', ' | ', '|'] as const;

export interface CsvDialect {
  delimiter: string;
  /** Most common field count among the sampled rows. */
  fieldCount: number;
  /** The sampled rows, split with this delimiter (for header detection). */
  sample: string[][];
}

const MAX_ROWS = 500;

/**
 * Split text into rows of fields the way a CSV parser would: a quote opens a quoted field only at
 * the start of a field, `""` escapes inside it, and line breaks inside quotes belong to the field.
 */
export function splitRows(text: string, delimiter: string, maxRows = MAX_ROWS): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  const n = text.length;
  const d0 = delimiter[0];
  while (i < n && rows.length < maxRows) {
    if (field === '' && text[i] === '"') {
      // Quoted field.
      let j = i + 1;
      let value = '';
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) {
          value += text.slice(j);
          j = n;
          break;
        }
        value += text.slice(j, q);
        if (text[q + 1] === '"') {
          value += '"';
          j = q + 2;
        } else {
          j = q + 1;
          break;
        }
      }
      field = value;
      i = j;
      // Tolerate stray text after the closing quote (relaxed, like the parser we use).
      while (i < n && text[i] !== '\n' && text[i] !== '\r' && !(text[i] === d0 && text.startsWith(delimiter, i))) {
        field += text[i++];
      }
      continue;
    }
    const c = text[i];
    if (c === d0 && text.startsWith(delimiter, i)) {
      row.push(field);
      field = '';
      i += delimiter.length;
    } else if (c === '\n' || c === '\r') {
      row.push(field);
      field = '';
      if (!(row.length === 1 && row[0] === '')) rows.push(row);
      row = [];
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      i++;
    }
  }
  if (i >= n && (field !== '' || row.length > 0)) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** A row fits a field count exactly, or with one extra empty field from a trailing delimiter. */
function fits(row: string[], count: number): boolean {
  return row.length === count || (row.length === count + 1 && row[count] === '');
}

/**
 * The field count the rows agree on: the count (the mode, trailing delimiters forgiven) that the
 * most rows fit, ties going to the larger count, and the share of rows that fit it.
 */
function commonCount(rows: string[][]): { value: number; share: number } {
  const counts = new Set<number>();
  for (const r of rows) counts.add(r.length);
  let value = 0;
  let best = 0;
  for (const v of counts) {
    let fit = 0;
    for (const r of rows) if (fits(r, v)) fit++;
    if (fit > best || (fit === best && v > value)) {
      value = v;
      best = fit;
    }
  }
  return { value, share: rows.length ? best / rows.length : 0 };
}

/**
 * A line of prose split at its commas: no data-shaped cell (timestamp, address, number...), a
 * space after every delimiter as in written text, and sentence-length text.
 */
function proseLike(row: string[]): boolean {
  if (row.length < 2 || row.some(looksLikeData)) return false;
  for (let i = 1; i < row.length; i++) if (!/^ \S/.test(row[i])) return false;
  return (
    row
      .join(' ')
      .split(/\s+/)
      .filter((w) => w !== '').length >= 5
  );
}

/** Comma- or semicolon-separated sentences (a letter, notes) are text, not delimited records. */
function looksLikeProse(rows: string[][]): boolean {
  const data = rows.slice(1);
  const prose = data.filter(proseLike).length;
  if (proseLike(rows[0]) && (prose + 1) * 2 >= rows.length) return true;
  return data.length >= 3 && prose >= data.length * 0.8;
}

/**
 * `whole`: the text is the entire file, so its last row is complete.
 *
 * A delimiter qualifies when the rows agree on more than one field: the first row (the header,
 * or the first record) and a majority of the rows after it fit the common count. The rest are
 * ragged rows, which the reader reports one by one rather than rejecting the file.
 */
export function sniffDelimiter(text: string, whole: boolean): CsvDialect | null {
  let best: (CsvDialect & { share: number }) | null = null;
  for (const delimiter of DELIMITERS) {
    if (!text.includes(delimiter)) continue;
    let rows = splitRows(text, delimiter);
    if (!whole && rows.length > 1 && rows.length < MAX_ROWS) rows = rows.slice(0, -1);
    if (rows.length === 0) continue;
    const { value, share } = commonCount(rows);
    if (value < 2 || !fits(rows[0], value)) continue;
    const rest = rows.slice(1);
    if (rest.length > 0 && rest.filter((r) => fits(r, value)).length * 2 <= rest.length) continue;
    if ((delimiter === ',' || delimiter === ';') && looksLikeProse(rows)) continue;
    const better =
      best === null ||
      share > best.share + 1e-9 ||
      (Math.abs(share - best.share) <= 1e-9 &&
        // " | " beats "|" when both fit: its fields come out without padding.
        (value > best.fieldCount || (delimiter === ' | ' && best.delimiter === '|' && value === best.fieldCount)));
    if (better) best = { delimiter, fieldCount: value, sample: rows.slice(0, 50), share };
  }
  if (!best) return null;
  const { share: _share, ...dialect } = best;
  return dialect;
}
