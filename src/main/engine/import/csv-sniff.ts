// Guesses the delimiter of delimited text from its first rows: the candidate that splits the rows
// into the same number (>1) of fields most consistently, counting only delimiters outside quotes.

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

/** The commonest field count, and the share of rows that fit it (a trailing delimiter allowed). */
function mode(rows: string[][]): { value: number; share: number } {
  const freq = new Map<number, number>();
  for (const r of rows) freq.set(r.length, (freq.get(r.length) ?? 0) + 1);
  let value = 0;
  let best = 0;
  for (const [v, f] of freq) {
    if (f > best || (f === best && v > value)) {
      value = v;
      best = f;
    }
  }
  const fit = rows.filter((r) => r.length === value || (r.length === value + 1 && r[value] === '')).length;
  return { value, share: rows.length ? fit / rows.length : 0 };
}

/** `whole`: the text is the entire file, so its last row is complete. */
export function sniffDelimiter(text: string, whole: boolean): CsvDialect | null {
  let best: (CsvDialect & { share: number }) | null = null;
  for (const delimiter of DELIMITERS) {
    if (!text.includes(delimiter)) continue;
    let rows = splitRows(text, delimiter);
    if (!whole && rows.length > 1 && rows.length < MAX_ROWS) rows = rows.slice(0, -1);
    const { value, share } = mode(rows);
    // Tolerant of some ragged rows: those become per-row errors, not a rejected file.
    if (value < 2 || share < 0.6) continue;
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
