// Before/after of one event and the history of a resource: every event on the same target, oldest
// first, each with the changes from the state before it.
import type { EventDiff, ResourceHistory } from '../../../shared/investigate';
import { MAX_TRACE } from '../../../shared/investigate';
import type { Condition } from '../../../shared/query';
import type { CaseStore } from '../store/case-store';
import { changedPaths } from './changed-paths';

export function eventDiff(store: CaseStore, id: string): EventDiff {
  const ev = store.getEvent(id);
  if (!ev.hasDiff && ev.before == null && ev.after == null) {
    throw new Error(`event ${id} carries no before/after state`);
  }
  return { id: ev.id, before: ev.before ?? null, after: ev.after ?? null, changes: changedPaths(ev.before ?? undefined, ev.after ?? undefined) };
}

export function resourceHistory(store: CaseStore, id: string): ResourceHistory {
  const ev = store.getEvent(id);
  if (!ev.targetId) throw new Error(`event ${id} has no target`);
  const where: Condition[] = [{ field: 'targetId', op: 'eq', value: ev.targetId }];
  if (ev.targetType) where.push({ field: 'targetType', op: 'eq', value: ev.targetType });
  const res = store.query({ where, limit: MAX_TRACE, order: 'asc' });
  let state: unknown = undefined;
  const steps = res.events.map((row) => {
    if (!row.hasDiff) return { event: row, before: null, after: null, changes: [] };
    const full = store.getEvent(row.id);
    // A step's "before" is the state the record declares, else the last state we saw.
    const before = full.before ?? state ?? null;
    const after = full.after ?? null;
    state = after ?? state;
    return { event: row, before, after, changes: changedPaths(before ?? undefined, after ?? undefined) };
  });
  return { targetType: ev.targetType, targetId: ev.targetId, steps, truncated: res.total > res.events.length };
}
