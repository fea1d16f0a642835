// The events at some row indexes of a query, fetched in one page that spans them (a selection is at
// most MAX_SELECTION rows apart, the engine's page maximum).
import type { AuditDeskApi } from '../../../shared/contract';
import type { EventRow } from '../../../shared/event';
import { MAX_PAGE, type EventQuery } from '../../../shared/query';

export async function rowsAt(api: AuditDeskApi, query: EventQuery, indexes: number[], loaded: (i: number) => EventRow | undefined): Promise<EventRow[]> {
  if (!indexes.length) return [];
  const have = indexes.map(loaded);
  if (have.every(Boolean)) return have as EventRow[];
  const first = indexes[0];
  const last = indexes[indexes.length - 1];
  if (last - first + 1 > MAX_PAGE) throw new Error(`the selection spans ${last - first + 1} rows; at most ${MAX_PAGE} can be acted on at once`);
  const page = await api.queryEvents({ ...query, offset: first, limit: last - first + 1 });
  return indexes.map((i) => page.events[i - first]).filter((r): r is EventRow => r !== undefined);
}
