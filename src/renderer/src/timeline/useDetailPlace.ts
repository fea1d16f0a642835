// Keeps the timeline's highlight on the event the panel shows when that changes from elsewhere (a
// trace or history step, the notes list) or the filter changes under it: the row is found among the
// loaded ones, else placed with two counts (events before its time, then a window around there), else
// it is not in the current filter and the panel says so instead of the highlight staying on another row.
import { useEffect, useRef, useState } from 'react';
import type { AuditDeskApi } from '../../../shared/contract';
import type { EventQuery } from '../../../shared/query';

const WINDOW = 200;

interface Options {
  api: AuditDeskApi;
  query: EventQuery;
  /** null while the query is being counted. */
  total: number | null;
  detailId: string | null;
  selectedId: string | null;
  /**
   * Events the panel was asked to show because the cursor moved onto them: when one arrives after the
   * cursor has moved on (fast keys), the cursor is right and the panel is catching up.
   */
  cursorAsked: Set<string>;
  indexOf(id: string): number;
  select(index: number): void;
  clear(): void;
}

/** 'outside': the event in the panel is not in the current filter. */
export function useDetailPlace(o: Options): 'listed' | 'outside' | 'unknown' {
  const [place, setPlace] = useState<'listed' | 'outside' | 'unknown'>('listed');
  const latest = useRef(o);
  latest.current = o;
  const queryKey = JSON.stringify(o.query);
  const counted = o.total !== null;
  useEffect(() => {
    const { api, query, detailId, selectedId, cursorAsked, indexOf, select, clear } = latest.current;
    if (detailId === null || !counted) return;
    if (selectedId === detailId) {
      cursorAsked.clear();
      return setPlace('listed');
    }
    if (cursorAsked.has(detailId)) return setPlace('listed');
    const at = indexOf(detailId);
    if (at >= 0) {
      select(at);
      return setPlace('listed');
    }
    clear();
    setPlace('unknown');
    let live = true;
    const where = [...(query.where ?? []), { field: 'id' as const, op: 'eq' as const, value: detailId }];
    void (async () => {
      const hit = await api.queryEvents({ ...query, where, offset: 0, limit: 1 });
      if (!live) return;
      const row = hit.events[0];
      if (!row) return setPlace('outside');
      if (!row.time) return;
      // Rows are in time order: the events on the near side of its time say about where it is.
      const desc = query.order === 'desc';
      const before = await api.queryEvents({ ...query, ...(desc ? { from: row.time } : { to: row.time }), offset: 0, limit: 0 });
      const offset = Math.max(0, desc ? before.total - WINDOW / 2 : before.total - 10);
      const page = await api.queryEvents({ ...query, offset, limit: WINDOW });
      const i = page.events.findIndex((e) => e.id === detailId);
      if (!live || i < 0) return;
      latest.current.select(offset + i);
      setPlace('listed');
    })().catch(() => undefined);
    return () => {
      live = false;
    };
  }, [o.detailId, queryKey, counted]);
  return o.detailId === null ? 'listed' : place;
}
