// Request-ID trace: every event sharing a request id across sources and vendors, in time order with
// offsets from the first event and the gap before each. From an event without a request id, the
// trace falls back to its session id (read from the raw record), then to its actor around its time.
import type { EventRow } from '../../../shared/event';
import type { Condition } from '../../../shared/query';
import { ACTOR_WINDOW_MS, MAX_TRACE, type Trace, type TraceEvent, type TraceKey } from '../../../shared/investigate';
import type { CaseStore } from '../store/case-store';
import { findSessionId } from './session-id';

export function traceByRequestId(store: CaseStore, requestId: string): Trace {
  const { rows, truncated } = rowsWhere(store, [{ field: 'requestId', op: 'eq', value: requestId }]);
  return build('requestId', requestId, rows, truncated);
}

/** The trace an investigator means from one event: its request, else its session, else its actor. */
export function traceFromEvent(store: CaseStore, id: string): Trace {
  const ev = store.getEvent(id);
  if (ev.requestId) return traceByRequestId(store, ev.requestId);
  const session = findSessionId(ev.raw);
  if (session && ev.actor) {
    // Candidates are the actor's events (indexed); the raw record must carry the same session id.
    const { rows, truncated } = rowsWhere(store, [{ field: 'actor', op: 'eq', value: ev.actor }]);
    const same = rows.filter((r) => r.id === ev.id || findSessionId(store.entry(Number(r.id)).raw) === session);
    return build('session', session, same, truncated);
  }
  if (!ev.actor) return build('actor', '', [ev], false);
  const at = ev.time ? Date.parse(ev.time) : null;
  const window = at === null ? undefined : { from: new Date(at - ACTOR_WINDOW_MS).toISOString(), to: new Date(at + ACTOR_WINDOW_MS).toISOString() };
  const { rows, truncated } = rowsWhere(store, [{ field: 'actor', op: 'eq', value: ev.actor }], window);
  return { ...build('actor', ev.actor, rows, truncated), ...(window ? { window } : {}) };
}

function rowsWhere(store: CaseStore, where: Condition[], window?: { from: string; to: string }): { rows: EventRow[]; truncated: boolean } {
  const res = store.query({ where, ...window, limit: MAX_TRACE, order: 'asc' });
  return { rows: res.events, truncated: res.total > res.events.length };
}

export function build(key: TraceKey, value: string, rows: EventRow[], truncated: boolean): Trace {
  let first: number | null = null;
  let prev: number | null = null;
  const vendors: string[] = [];
  const events: TraceEvent[] = rows.map((r) => {
    if (!vendors.includes(r.vendor)) vendors.push(r.vendor);
    const t = r.time ? Date.parse(r.time) : null;
    if (t === null) return { ...r, offsetMs: null, gapMs: null };
    first ??= t;
    const gapMs = prev === null ? 0 : t - prev;
    prev = t;
    return { ...r, offsetMs: t - first, gapMs };
  });
  return { key, value, events, vendors, truncated };
}
