import { boundMs } from '../../../shared/time-bound';

/** A query's from/to in epoch ms (shared/time-bound.ts); a clear error naming the option otherwise. */
export function parseBound(text: string, name: string): number {
  const ms = boundMs(text);
  if (ms === null) throw new Error(`--${name}: "${text}" is not a date or time (use ISO 8601, e.g. 2026-03-01T10:00:00Z)`);
  return ms;
}
