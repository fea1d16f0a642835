// Display helpers; numbers and sizes are shown the same way everywhere.

const nf = new Intl.NumberFormat('en-US');

export function fmtCount(n: number): string {
  return nf.format(n);
}

export function fmtBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

/** UTC time as "2024-05-01 12:34:56.789" (the Z is in the column header, not on every row). */
export function fmtUtc(iso: string | null): string {
  if (!iso) return '';
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2}(?:\.\d+)?)/.exec(iso);
  return m ? `${m[1]} ${m[2]}` : iso;
}

export function baseName(p: string): string {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return i >= 0 ? p.slice(i + 1) : p;
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
