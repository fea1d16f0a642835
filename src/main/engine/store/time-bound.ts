import { boundMs } from '../../../shared/time-bound';

/**
 * A query's from/to in epoch ms (shared/time-bound.ts); otherwise an error naming the bound in the
 * query's own words, so it reads right under any host (the CLI's flags, the app's filter bar).
 */
export function parseBound(text: string, name: 'from' | 'to'): number {
  const ms = boundMs(text);
  if (ms === null) throw new Error(`the ${name} time "${text}" is not a date or time (use ISO 8601, e.g. 2026-03-01T10:00:00Z)`);
  return ms;
}
