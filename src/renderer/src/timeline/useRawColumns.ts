// Raw-record paths as columns ("add field as column"). The paths offered are those the mapping review
// saw in each source's sample of records (the same list as the mapping dialog's picker); the values
// are read for the rows on screen only, from each event's raw record, and kept by event id.
import { useEffect, useRef, useState } from 'react';
import type { AuditDeskApi, SourceInfo } from '../../../shared/contract';
import type { EventRow } from '../../../shared/event';
import { readPath } from './rawPath';
import type { RawValues } from './columns';

/** Every path seen in the case's sources, sorted, once per list of sources. */
export function useRawPaths(api: AuditDeskApi, sources: SourceInfo[], enabled: boolean): string[] | null {
  const [paths, setPaths] = useState<string[] | null>(null);
  const key = sources.map((s) => `${s.id}:${s.events}`).join();
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    Promise.all(
      sources.map((s) =>
        api.getMapping({ sourceId: s.id }).then(
          (m) => m.paths.map((p) => p.path),
          () => [] as string[],
        ),
      ),
    ).then((lists) => {
      if (live) setPaths([...new Set(lists.flat())].sort());
    });
    return () => {
      live = false;
    };
  }, [api, key, enabled]);
  return paths;
}

const text = (v: unknown): string | null => (v === undefined || v === null ? null : typeof v === 'string' ? v : JSON.stringify(v));

/** The raw records a row's cells read: JSON records parse whole; a CSV row is one line of text, so its paths are the header's columns, read by the engine's source reader only (shown empty here). */
function valuesOf(raw: string, paths: string[]): RawValues {
  let rec: unknown;
  try {
    rec = JSON.parse(raw);
  } catch {
    rec = undefined;
  }
  return Object.fromEntries(paths.map((p) => [p, rec === undefined ? null : text(readPath(rec, p))]));
}

export function useRawCells(api: AuditDeskApi, rows: (EventRow | undefined)[], paths: string[]): (id: string) => RawValues | undefined {
  const cache = useRef(new Map<string, RawValues>());
  const asked = useRef(new Set<string>());
  const [, setTick] = useState(0);
  const pathKey = paths.join('\n');
  useEffect(() => {
    cache.current = new Map();
    asked.current = new Set();
  }, [pathKey]);
  const want = paths.length ? rows.filter((r): r is EventRow => !!r && !asked.current.has(r.id)).map((r) => r.id) : [];
  const wantKey = want.join();
  useEffect(() => {
    if (!want.length) return;
    for (const id of want) asked.current.add(id);
    let live = true;
    Promise.all(
      want.map((id) =>
        api.getEvent({ id }).then(
          (e) => [id, valuesOf(e.raw, paths)] as const,
          () => [id, {}] as const,
        ),
      ),
    ).then((got) => {
      if (!live) return;
      for (const [id, v] of got) cache.current.set(id, v);
      setTick((t) => t + 1);
    });
    return () => {
      live = false;
      for (const id of want) if (!cache.current.has(id)) asked.current.delete(id);
    };
  }, [wantKey, pathKey]);
  return (id) => cache.current.get(id);
}
