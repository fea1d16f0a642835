// Rows of the timeline fetched a page at a time for whatever range is on screen. Fetches wait until
// scrolling pauses briefly, so dragging the thumb across a million rows does not queue thousands
// of queries; rows not loaded yet render as placeholders.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AuditDeskApi } from '../../../shared/contract';
import type { EventRow } from '../../../shared/event';
import type { EventQuery } from '../../../shared/query';
import { errorMessage } from '../util/format';
import { PAGE_SIZE, PageCache } from './pageCache';

const FETCH_DELAY_MS = 70;

export interface PagedRows {
  /** null until the first page of the query has answered. */
  total: number | null;
  /**
   * While a new query (or new data) has not answered yet, the previous rows stay on screen (pending)
   * with their count, instead of a blank list: the caller dims them.
   */
  pending: boolean;
  shownTotal: number | null;
  loading: boolean;
  error: string | null;
  getRow(index: number): EventRow | undefined;
  /** Index of a row already loaded, -1 if none is. */
  indexOf(id: string): number;
  /** Tells the loader which indexes are on screen (inclusive). */
  requestRange(first: number, last: number): void;
}

export function usePagedRows(api: AuditDeskApi, query: EventQuery, revision: number, enabled: boolean): PagedRows {
  const queryKey = JSON.stringify(query);
  // One cache per query and data revision: both keys are deliberate dependencies.
  const cache = useMemo(() => new PageCache(), [queryKey, revision]);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [inflight, setInflight] = useState(0);
  // The last cache that has rows in, and its count: shown until the current one has its own.
  const [ready, setReady] = useState<{ cache: PageCache; total: number } | null>(null);
  const [, setTick] = useState(0);
  const range = useRef({ first: 0, last: 0 });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const current = useRef(cache);
  current.current = cache;

  const fetchPage = useCallback(
    (page: number) => {
      cache.begin(page);
      setInflight((n) => n + 1);
      api
        .queryEvents({ ...query, offset: page * PAGE_SIZE, limit: PAGE_SIZE })
        .then((res) => {
          if (current.current !== cache) return;
          const center = Math.floor((range.current.first + range.current.last) / 2 / PAGE_SIZE);
          cache.put(page, res.events, center);
          setTotal(res.total);
          setReady((r) => (r?.cache === cache && r.total === res.total ? r : { cache, total: res.total }));
          setError(null);
          setTick((t) => t + 1);
        })
        .catch((e: unknown) => {
          cache.fail(page);
          if (current.current === cache) setError(errorMessage(e));
        })
        .finally(() => setInflight((n) => n - 1));
    },
    // queryKey stands for query: the object is rebuilt on every render.
    [api, cache, queryKey],
  );

  // A new query forgets its count; new data under the same query keeps the old count until the
  // new one arrives, so the list keeps its height and the user keeps their place.
  useEffect(() => setTotal(null), [queryKey]);

  // A new query (or new data) starts from its first page, which also tells the total.
  useEffect(() => {
    if (!enabled) return;
    const { first, last } = range.current;
    fetchPage(0);
    for (const p of cache.missing(first, last)) fetchPage(p);
  }, [cache, fetchPage, enabled]);

  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const requestRange = useCallback(
    (first: number, last: number) => {
      range.current = { first, last };
      if (!enabled || !cache.missing(first, last).length) return;
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        timer.current = null;
        const r = range.current;
        for (const p of cache.missing(r.first, r.last)) fetchPage(p);
      }, FETCH_DELAY_MS);
    },
    [cache, fetchPage, enabled],
  );

  const shown = ready?.cache === cache || !ready ? cache : ready.cache;
  return {
    total,
    pending: ready?.cache !== cache,
    shownTotal: ready?.cache === cache ? total : (ready?.total ?? total),
    loading: inflight > 0,
    error,
    getRow: (i) => shown.getRow(i),
    indexOf: (id) => cache.indexOf(id),
    requestRange,
  };
}
