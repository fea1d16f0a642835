// CSV cells for exports. Hand-written rather than csv-stringify: each row's exact bytes are hashed for
// the manifest, so rows are built one at a time as strings, and RFC 4180 quoting is these few lines.

/** A spreadsheet runs a cell starting with = + - @ tab or CR as a formula (CSV injection); c is a char or byte code. */
export const isFormulaStart = (c: number) => c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13;

/** Prefix that makes a spreadsheet show the cell as text; recorded in the manifest wherever it is added. */
export const NEUTRALISE_PREFIX = "'";

export function needsNeutralising(text: string): boolean {
  return text !== '' && isFormulaStart(text.charCodeAt(0));
}

/** One CSV cell: quoted when it holds a comma, quote or line break; neutralised when it would run. */
export function csvCell(text: string): { cell: string; neutralised: boolean } {
  const neutralised = needsNeutralising(text);
  const v = neutralised ? NEUTRALISE_PREFIX + text : text;
  return { cell: /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v, neutralised };
}

/**
 * Neutralises formula-like cells inside an original CSV row by inserting the prefix at the start of
 * each such cell's content (after its opening quote if quoted): every other byte stays as it was.
 * Returns the row unchanged (same string) when no cell needs it, with the 0-based columns touched.
 */
export function neutraliseRow(row: string, delimiter: string): { row: string; columns: number[] } {
  const columns: number[] = [];
  const inserts: number[] = [];
  let col = 0;
  let cellStart = 0;
  let inQuotes = false;
  for (let i = 0; i <= row.length; i++) {
    if (i === cellStart) {
      const quoted = row[i] === '"';
      const at = quoted ? i + 1 : i;
      if (at < row.length && isFormulaStart(row.charCodeAt(at))) {
        columns.push(col);
        inserts.push(at);
      }
    }
    if (i === row.length) break;
    const ch = row[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && row.startsWith(delimiter, i)) {
      col++;
      cellStart = i + delimiter.length;
      i += delimiter.length - 1;
    }
  }
  if (!inserts.length) return { row, columns };
  let out = '';
  let from = 0;
  for (const at of inserts) {
    out += row.slice(from, at) + NEUTRALISE_PREFIX;
    from = at;
  }
  return { row: out + row.slice(from), columns };
}

/** The delimiter of a header line: whichever of the usual ones it uses most (" | " counts as one). */
export function headerDelimiter(header: string): string {
  if (header.includes(' | ')) return ' | ';
  let best = ',';
  let most = 0;
  for (const d of [',', ';', '\t', '|']) {
    const n = header.split(d).length - 1;
    if (n > most) {
      most = n;
      best = d;
    }
  }
  return best;
}
