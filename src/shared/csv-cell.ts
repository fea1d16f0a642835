// CSV cells for exports (the engine's exports and the SQL console's result). Hand-written rather than csv-stringify: each
// row's exact bytes are hashed for the manifest, so rows are built one at a time as strings, and RFC 4180 quoting is these few lines.

/** A spreadsheet runs a cell starting with = + - @ tab or CR as a formula (CSV injection); c is a char or byte code. */
export const isFormulaStart = (c: number) => c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13;

/**
 * Where a spreadsheet may split a cell's text again, whatever delimiter the file uses: , ; tab | and
 * line breaks (a reader set to another delimiter, or a paste, starts a new cell after each of these).
 */
export const isSeparator = (c: number) => c === 44 || c === 59 || c === 9 || c === 124 || c === 10 || c === 13;

/** Prefix that makes a spreadsheet show the cell as text; recorded in the manifest wherever it is added. */
export const NEUTRALISE_PREFIX = "'";

/** The rule as the manifest states it. */
export const NEUTRALISE_RULE =
  `A CSV cell (or header name) gets ${NEUTRALISE_PREFIX} before its text, and before any part of it that follows a comma, semicolon, tab, | or line break, ` +
  'where that text starts with = + - @ tab or CR (a plain negative number such as -12 or -0.5 is left as it is), so a spreadsheet shows it as text ' +
  "whatever delimiter it splits on; each row lists its neutralised columns and keeps rawSha256 of the record as stored, and the data's framing lists a neutralised header";

/**
 * Whether the part of a cell at i (its start, or just after a separator) gets the prefix: it starts
 * like a formula and is not a plain negative number. `-12` or `-0.5` up to the part's end is read as a
 * number and runs nothing, and a prefix would turn amounts and offsets into text; `-1+2`, `-A1` or
 * `-5e3` are not plain and are neutralised. A tab or CR right after a tab or line break only ends
 * another empty part, so it is left alone (else every empty field of a TSV record would be touched).
 * `at` reads a char or byte code; the cell is [start, end).
 */
export function partNeedsPrefix(at: (i: number) => number, i: number, start: number, end: number): boolean {
  const c = at(i);
  if (!isFormulaStart(c)) return false;
  if (c === 9 || c === 13) {
    const p = i > start ? at(i - 1) : -1;
    return p !== 9 && p !== 10 && p !== 13;
  }
  if (c !== 45) return true;
  let j = i + 1;
  const digits = () => {
    const from = j;
    while (j < end && at(j) >= 48 && at(j) <= 57) j++;
    return j > from;
  };
  if (!digits()) return true;
  if (j < end && at(j) === 46) {
    j++;
    if (!digits()) return true;
  }
  return j < end && !isSeparator(at(j));
}

/** Formula-like parts: a start, or a separator followed by one of = + - @ tab CR. */
const MAY_RUN = /(?:^|[,;\t|\r\n])[=+\-@\t\r]/;

/** The same in a source row, where a cell may open with a quote. */
const MAY_RUN_IN_ROW = /(?:^|[,;\t|\r\n])"?[=+\-@\t\r]/;

/** Positions in text where the prefix goes (each part that would run), in order; none for most text. */
export function prefixPositions(text: string): number[] {
  const out: number[] = [];
  if (!MAY_RUN.test(text)) return out;
  const at = (i: number) => text.charCodeAt(i);
  for (let i = 0; i < text.length; i++) {
    if ((i === 0 || isSeparator(at(i - 1))) && partNeedsPrefix(at, i, 0, text.length)) out.push(i);
  }
  return out;
}

/** text with the prefix inserted before each of the positions. */
function insertPrefixes(text: string, positions: number[]): string {
  let out = '';
  let from = 0;
  for (const at of positions) {
    out += text.slice(from, at) + NEUTRALISE_PREFIX;
    from = at;
  }
  return out + text.slice(from);
}

/** text with the prefix before each part that would run (the same string when none would). */
export function neutraliseText(text: string): { text: string; neutralised: boolean } {
  const positions = prefixPositions(text);
  return positions.length ? { text: insertPrefixes(text, positions), neutralised: true } : { text, neutralised: false };
}

/** One CSV cell: quoted when it holds a comma, quote or line break; neutralised where a part would run. */
export function csvCell(text: string): { cell: string; neutralised: boolean } {
  const { text: v, neutralised } = neutraliseText(text);
  return { cell: /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v, neutralised };
}

/**
 * Neutralises formula-like parts inside an original CSV row by inserting the prefix at the start of
 * each such cell's content (after its opening quote if quoted) and after each separator inside a cell
 * where the text would run: every other byte stays as it was. Returns the row unchanged (same string)
 * when nothing needs it, with the 0-based columns touched.
 */
export function neutraliseRow(row: string, delimiter: string): { row: string; columns: number[] } {
  const columns: number[] = [];
  const inserts: number[] = [];
  if (!MAY_RUN_IN_ROW.test(row) && !(delimiter.length > 1 && row.includes(delimiter))) return { row, columns };
  const at = (i: number) => row.charCodeAt(i);
  const mark = (pos: number, col: number) => {
    if (inserts[inserts.length - 1] === pos) return;
    inserts.push(pos);
    if (columns[columns.length - 1] !== col) columns.push(col);
  };
  let col = 0;
  let cellStart = 0;
  let inQuotes = false;
  for (let i = 0; i <= row.length; i++) {
    if (i === cellStart) {
      const quoted = row[i] === '"';
      const start = quoted ? i + 1 : i;
      // An unquoted cell that is empty starts with the next delimiter (a tab in TSV), not a formula.
      const empty = !quoted && row.startsWith(delimiter, i);
      if (start < row.length && !empty && partNeedsPrefix(at, start, cellStart, row.length)) mark(start, col);
    } else if (i < row.length && isSeparator(at(i - 1)) && !(!inQuotes && row.startsWith(delimiter, i)) && partNeedsPrefix(at, i, cellStart, row.length))
      mark(i, col);
    if (i === row.length) break;
    const ch = row[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && row.startsWith(delimiter, i)) {
      col++;
      cellStart = i + delimiter.length;
      i += delimiter.length - 1;
    }
  }
  return { row: inserts.length ? insertPrefixes(row, inserts) : row, columns };
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
