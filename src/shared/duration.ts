// Durations as a person reads them in a waterfall: "850 ms", "2.3 s", "1 min 1 s", "2 h 5 min".
export function fmtMs(ms: number): string {
  const a = Math.abs(ms);
  const sign = ms < 0 ? '-' : '';
  if (a < 1000) return `${sign}${Math.round(a)} ms`;
  if (a < 60_000) return `${sign}${(a / 1000).toFixed(a < 10_000 ? 2 : 1).replace(/\.?0+$/, '')} s`;
  if (a < 3_600_000) {
    const m = Math.floor(a / 60_000);
    const s = Math.round((a % 60_000) / 1000);
    return `${sign}${m} min${s ? ` ${s} s` : ''}`;
  }
  if (a < 86_400_000) {
    const h = Math.floor(a / 3_600_000);
    const m = Math.round((a % 3_600_000) / 60_000);
    return `${sign}${h} h${m ? ` ${m} min` : ''}`;
  }
  const d = Math.floor(a / 86_400_000);
  const h = Math.round((a % 86_400_000) / 3_600_000);
  return `${sign}${d} d${h ? ` ${h} h` : ''}`;
}
