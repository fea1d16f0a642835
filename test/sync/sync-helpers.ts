// Shared by the sync tests: an engine whose retries wait for nothing, and a look at what a case holds.
import type { Engine } from '../../src/main/engine/engine';
import { freshEngine } from '../helpers/engine';
import type { EventRow } from '../../src/shared/event';

export const TOKEN = 'tok-SECRET-7f3a9c21e5d4b6a8';

export async function syncEngine(): Promise<Awaited<ReturnType<typeof freshEngine>> & { delays: number[] }> {
  const fresh = await freshEngine();
  const delays: number[] = [];
  fresh.engine.syncOptions = {
    policy: { baseDelayMs: 100, maxDelayMs: 1600, timeoutMs: 3000, sleep: async (ms) => void delays.push(ms) },
  };
  return { ...fresh, delays };
}

/** Every stored event row, in time order. */
export async function allRows(engine: Engine): Promise<EventRow[]> {
  const rows: EventRow[] = [];
  for (let offset = 0; ; offset += 10_000) {
    const page = await engine.queryEvents({ limit: 10_000, offset, order: 'asc' });
    rows.push(...page.events);
    if (rows.length >= page.total || page.events.length === 0) return rows;
  }
}

/** Asserts-ready summary: how many rows, and ids that appear more than once. */
export function idCounts(rows: EventRow[]): { n: number; distinct: number; repeated: string[] } {
  const seen = new Map<string, number>();
  for (const r of rows) seen.set(r.eventId ?? `(none ${r.id})`, (seen.get(r.eventId ?? `(none ${r.id})`) ?? 0) + 1);
  return { n: rows.length, distinct: seen.size, repeated: [...seen].filter(([, c]) => c > 1).map(([k]) => k) };
}
