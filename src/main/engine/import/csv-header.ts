// Decides whether the first row of delimited text is a header, and names the columns.

const DATA_LIKE: RegExp[] = [
  /^[-+]?\d+([.,]\d+)?([eE][-+]?\d+)?$/, // number
  /^\d{1,3}(\.\d{1,3}){3}(,|$)/, // IPv4 (possibly a forwarded-for list)
  /^[0-9a-fA-F]{0,4}(:[0-9a-fA-F]{0,4}){2,7}$/, // IPv6
  /^\d{4}-\d{2}-\d{2}/, // ISO date / timestamp
  /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b/, // local date
  /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, // UUID
  /^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$/, // e-mail
  /^https?:\/\//, // URL
  /^[{[]/, // JSON
  /^-$/, // "missing" placeholder
  /^(true|false|null)$/i,
];

export function looksLikeData(cell: string): boolean {
  const t = cell.trim();
  return DATA_LIKE.some((re) => re.test(t));
}

/**
 * Header names are labels: never data-shaped, and they do not reappear as values further down the
 * same column (data rows repeat users, actions, hosts).
 */
export function hasHeaderRow(sample: string[][]): boolean {
  const first = sample[0];
  if (!first) return false;
  if (first.some(looksLikeData)) return false;
  const rest = sample.slice(1);
  for (let c = 0; c < first.length; c++) {
    const name = first[c].trim();
    if (name !== '' && rest.some((r) => r[c] !== undefined && r[c].trim() === name)) return false;
  }
  return true;
}

/** Column names from a header row: blanks become colN, duplicates get a _2, _3... suffix. */
export function columnNames(header: string[]): string[] {
  const seen = new Map<string, number>();
  return header.map((h, i) => {
    const base = h.trim() === '' ? `col${i + 1}` : h;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}_${n}`;
  });
}

export function numberedColumns(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `col${i + 1}`);
}
