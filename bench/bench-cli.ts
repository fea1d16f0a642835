// What the measure-*.ts scripts share: the CASE argument (with the script's usage line when it is
// missing) and how a series of timings is summed up.
import { parseArgs } from 'node:util';

/** CASE and the script's --options (strings); exits 2 with the usage line when CASE is missing. */
export function caseArgs<K extends string>(usage: string, options: readonly K[]): { casePath: string; values: Partial<Record<K, string>> } {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: Object.fromEntries(options.map((o) => [o, { type: 'string' as const }])),
  });
  if (!positionals[0]) {
    process.stderr.write(`usage: ${usage}\n`);
    process.exit(2);
  }
  return { casePath: positionals[0], values: values as Partial<Record<K, string>> };
}

/** Milliseconds since t0 (from process.hrtime.bigint()). */
export const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

/** Median, p95 (nearest rank) and worst of a series of timings. */
export function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
  return { runs: s.length, medianMs: at(0.5), p95Ms: at(0.95), maxMs: s[s.length - 1] };
}
